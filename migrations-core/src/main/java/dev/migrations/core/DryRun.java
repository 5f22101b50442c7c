package dev.migrations.core;

import java.sql.SQLException;

import dev.migrations.schema.DefaultQueryInterface;

/**
 * Records what a migration's {@code up} would run, without running it: for {@code plan} and for the safety checks.
 */
final class DryRun {

	private DryRun() {
	}

	static PlannedMigration of(Session session, ResolvedMigration migration) throws SQLException {
		PlanExecutor executor = new PlanExecutor(session.connection(), session.jdbcTemplate(), migration.transactional());
		String stoppedBy = null;
		try {
			migration.migration().up(new DefaultQueryInterface(session.dialect(), executor, null));
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// The dry run records what it can; the real run reports the failure with the migration's name.
			stoppedBy = Runs.rootMessage(ex);
		}
		finally {
			executor.finish();
		}
		return new PlannedMigration(migration.id(), migration.description(), migration.transactional(),
				executor.statements(), stoppedBy, null);
	}

}
