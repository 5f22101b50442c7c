package dev.migrations.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The dry run of {@link Migrator#plan()}: each pending migration with the SQL it would run. Planning touches
 * nothing: no schema change, no history table, no lock.
 *
 * @param schema the history table's schema
 * @param table the history table
 * @param migrations the pending migrations in the order they would run
 */
public record MigrationPlan(String schema, String table, List<PlannedMigration> migrations) {

	public MigrationPlan {
		migrations = List.copyOf(migrations);
	}

	/** Whether nothing is pending. */
	public boolean isEmpty() {
		return this.migrations.isEmpty();
	}

	/** The whole plan as an SQL script, one block per migration. */
	public String describe() {
		if (this.migrations.isEmpty()) {
			return "-- nothing pending in " + this.schema + "." + this.table + "\n";
		}
		return this.migrations.stream().map(PlannedMigration::describe).collect(Collectors.joining("\n"));
	}

}
