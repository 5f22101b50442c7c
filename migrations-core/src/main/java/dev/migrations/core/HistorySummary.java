package dev.migrations.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a restart needs to decide that nothing is to be done, read from the history in one row and computed the same
 * way from the code: how many migrations are applied, how many rows are failed or running, the newest applied id and
 * a digest of the applied ids with their checksums. Equal summaries mean the history holds exactly the code's
 * migrations, all applied; anything else sends the run to the full read of every row.
 *
 * @param applied the number of applied migrations
 * @param unfinished the number of failed or running rows (always zero for the code)
 * @param newest the newest applied id, {@code null} when none is
 * @param digest MD5, lowercase hex, of the applied {@code id:checksum} joined by {@code ,} in id order (see
 * {@link dev.migrations.dialect.Dialect#historySummaryQuery})
 */
record HistorySummary(long applied, long unfinished, @Nullable String newest, String digest) {

	/** The summary of a history that would hold exactly these migrations, applied. */
	static HistorySummary of(List<ResolvedMigration> migrations) {
		MessageDigest md5 = md5();
		String newest = null;
		for (int i = 0; i < migrations.size(); i++) {
			ResolvedMigration migration = migrations.get(i);
			String checksum = migration.checksum();
			String entry = ((i > 0) ? "," : "") + migration.id() + ":" + ((checksum != null) ? checksum : "");
			md5.update(entry.getBytes(StandardCharsets.UTF_8));
			newest = migration.id();
		}
		return new HistorySummary(migrations.size(), 0, newest, HexFormat.of().formatHex(md5.digest()));
	}

	/** Whether nothing is to be done: the history holds exactly the code's migrations, every one applied. */
	boolean upToDateWith(HistorySummary code) {
		return this.unfinished == 0 && code.unfinished == 0 && this.applied == code.applied
				&& java.util.Objects.equals(this.newest, code.newest) && this.digest.equals(code.digest);
	}

	private static MessageDigest md5() {
		try {
			// A digest for comparing, not for security: the one PostgreSQL computes without an extension.
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
