package dev.migrations.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a restart needs to decide that nothing is to be done, read from the history in one row and computed the same
 * way from the code: how many migrations are applied, how many rows are failed or running, the newest applied id, a
 * digest of the applied ids and one of their checksums. Equal summaries mean the history holds exactly the code's
 * migrations, all applied, with the checksums the code has; anything else sends the run to the full read of every
 * row (see {@link dev.migrations.dialect.Dialect#historySummaryQuery}).
 *
 * @param applied the number of applied migrations
 * @param unfinished the number of failed or running rows (always zero for the code)
 * @param newest the newest applied id, {@code null} when none is
 * @param ids MD5, lowercase hex, of the applied ids joined by {@code ,} in id order
 * @param checksummed how many applied rows have a checksum (for the code: all, or zero when one is not known)
 * @param checksums MD5 of the {@code id:checksum} of those rows joined the same way
 */
record HistorySummary(long applied, long unfinished, @Nullable String newest, String ids, long checksummed,
		String checksums) {

	/** The summary of a history that would hold exactly these migrations, in id order, applied. */
	static HistorySummary of(List<ResolvedMigration> migrations) {
		// Joined first and digested once: a digest update per id costs more than the hashing itself before the JIT
		// has compiled anything, and every restart computes this.
		StringBuilder ids = new StringBuilder(migrations.size() * 32);
		StringBuilder checksums = new StringBuilder(migrations.size() * 100);
		boolean allKnown = true;
		String newest = null;
		for (int i = 0; i < migrations.size(); i++) {
			ResolvedMigration migration = migrations.get(i);
			if (i > 0) {
				ids.append(',');
				checksums.append(',');
			}
			ids.append(migration.id());
			String checksum = migration.checksum();
			allKnown &= checksum != null;
			if (allKnown) {
				checksums.append(migration.id()).append(':').append(checksum);
			}
			newest = migration.id();
		}
		HexFormat hex = HexFormat.of();
		return new HistorySummary(migrations.size(), 0, newest, hex.formatHex(md5(ids)), allKnown ? migrations.size() : 0,
				allKnown ? hex.formatHex(md5(checksums)) : "");
	}

	/**
	 * Whether nothing is to be done: the history holds exactly the code's migrations, every one applied, each with
	 * the checksum the code has. A row without a checksum (recorded before checksums were) is something to do
	 * ({@code migrate} records it under the lock), and a migration whose checksum the code cannot compute cannot be
	 * judged from one row: both send the run to the full read.
	 */
	boolean upToDateWith(HistorySummary code) {
		boolean sameMigrations = this.unfinished == 0 && code.unfinished == 0 && this.applied == code.applied
				&& Objects.equals(this.newest, code.newest) && this.ids.equals(code.ids);
		boolean sameChecksums = this.checksummed == this.applied && code.checksummed == code.applied
				&& this.checksums.equals(code.checksums);
		return sameMigrations && sameChecksums;
	}

	private static byte[] md5(CharSequence text) {
		try {
			// A digest for comparing, not for security: the one PostgreSQL computes without an extension.
			return MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
