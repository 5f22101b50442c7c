package dev.migrations.core;

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

}
