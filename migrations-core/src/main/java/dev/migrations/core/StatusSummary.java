package dev.migrations.core;

import java.util.EnumMap;
import java.util.Map;

import dev.migrations.dialect.LockHolder;
import org.jspecify.annotations.Nullable;

/**
 * Whether the schema is up to date with the code, read from one row of the history and the lock holder: what a
 * readiness probe asks every few seconds, at a cost that does not grow with the number of migrations. When the schema
 * is not up to date (something pending, failed, modified, out of order or missing, or no history yet), read
 * {@link Migrator#status()} for which migrations and why.
 *
 * @param schema the schema of the history table
 * @param table the history table
 * @param upToDate whether the history holds exactly the code's migrations, every one applied with the checksum the
 * code has
 * @param applied how many migrations are applied, when up to date
 * @param current the newest applied migration's id, when up to date and one is
 * @param lockHolder who holds the schema lock now, {@code null} when nobody does
 */
public record StatusSummary(String schema, String table, boolean upToDate, long applied, @Nullable String current,
		@Nullable LockHolder lockHolder) {

	/**
	 * How many migrations are in each state, every state present, as {@link StatusReport#counts()} gives them: when
	 * the schema is up to date, every one applied.
	 * @throws IllegalStateException when the schema is not up to date: only {@link Migrator#status()} knows then
	 */
	public Map<MigrationState, Integer> counts() {
		if (!this.upToDate) {
			throw new IllegalStateException("The schema in " + this.schema + "." + this.table + " is not up to date: "
					+ "read the counts from Migrator.status()");
		}
		Map<MigrationState, Integer> counts = new EnumMap<>(MigrationState.class);
		for (MigrationState state : MigrationState.values()) {
			counts.put(state, 0);
		}
		counts.put(MigrationState.APPLIED, Math.toIntExact(this.applied));
		return counts;
	}

}
