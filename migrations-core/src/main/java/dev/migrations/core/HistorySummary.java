package dev.migrations.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.util.DigestUtils;

/**
 * What a restart needs to decide that nothing is to be done, read from the history in one row and computed the same
 * way from the code: how many migrations are applied, how many rows are failed or running, the newest applied id, how
 * many applied rows have no checksum, and one digest of the applied ids with their checksums. Equal summaries mean the
 * history holds exactly the code's migrations, all applied, with the checksums the code has; anything else sends the
 * run to the full read of every row (see {@link dev.migrations.dialect.Dialect#historySummaryQuery}).
 *
 * @param applied the number of applied migrations
 * @param unfinished the number of failed or running rows (always zero for the code)
 * @param newest the newest applied id, {@code null} when none is
 * @param unchecksummed how many applied rows have no checksum (for the code: how many checksums it cannot compute)
 * @param digest MD5, lowercase hex, of the {@code id:checksum} of the applied rows that have a checksum, joined by
 * {@code ,} in id order; one digest for ids and checksums alike, since neither an id nor a checksum holds a {@code :}
 * or a {@code ,}
 */
record HistorySummary(long applied, long unfinished, @Nullable String newest, long unchecksummed, String digest) {

	/** The summary of a history that would hold exactly these migrations, in id order, applied. */
	static HistorySummary of(List<ResolvedMigration> migrations) {
		// Joined first and digested once: a digest update per id costs more than the hashing itself before the JIT
		// has compiled anything, and every restart computes this.
		StringBuilder joined = new StringBuilder(migrations.size() * 100);
		long unchecksummed = 0;
		String newest = null;
		for (ResolvedMigration migration : migrations) {
			String checksum = migration.checksum();
			if (checksum == null) {
				unchecksummed++;
			}
			else {
				if (joined.length() > 0) {
					joined.append(',');
				}
				joined.append(migration.id()).append(':').append(checksum);
			}
			newest = migration.id();
		}
		// MD5, lowercase hex: a digest for comparing, not for security, and the one PostgreSQL computes without an
		// extension.
		return new HistorySummary(migrations.size(), 0, newest, unchecksummed,
				DigestUtils.md5DigestAsHex(joined.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Whether nothing is to be done: the history holds exactly the code's migrations, every one applied, each with
	 * the checksum the code has. A row without a checksum (recorded before checksums were) is something to do
	 * ({@code migrate} records it under the lock), and a migration whose checksum the code cannot compute cannot be
	 * judged from one row: both send the run to the full read.
	 */
	boolean upToDateWith(HistorySummary code) {
		return this.unfinished == 0 && code.unfinished == 0 && this.unchecksummed == 0 && code.unchecksummed == 0
				&& this.applied == code.applied && Objects.equals(this.newest, code.newest)
				&& this.digest.equals(code.digest);
	}

}
