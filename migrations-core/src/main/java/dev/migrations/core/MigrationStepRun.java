package dev.migrations.core;

import dev.migrations.safety.Timeouts;
import dev.migrations.schema.QueryInterface;
import org.jspecify.annotations.Nullable;

/** A migration's {@code up} or {@code down} as a {@link Step}. */
final class MigrationStepRun implements Step {

	private final ResolvedMigration migration;

	private final Direction direction;

	private final @Nullable String acknowledgements;

	private final StatementGuard guard;

	private final boolean transactional;

	private MigrationStepRun(ResolvedMigration migration, Direction direction, @Nullable String acknowledgements,
			StatementGuard guard, boolean transactional) {
		this.migration = migration;
		this.direction = direction;
		this.acknowledgements = acknowledgements;
		this.guard = guard;
		this.transactional = transactional;
	}

	/** The migration's {@code up}, each statement checked as it runs against what its review reported. */
	static MigrationStepRun up(ResolvedMigration migration, SafetyReviews reviews) {
		return new MigrationStepRun(migration, Direction.UP, reviews.acknowledgements(migration),
				reviews.guard(migration), migration.transactional());
	}

	/** The migration's {@code down}; the safety checks review what is applied, not what an undo removes. */
	static MigrationStepRun down(ResolvedMigration migration) {
		return new MigrationStepRun(migration, Direction.DOWN, null, StatementGuard.NONE, migration.transactional());
	}

	@Override
	public MigrationStep info() {
		MigrationStep step = this.migration.step(this.direction);
		return (step.transactional() == this.transactional) ? step
				: new MigrationStep(step.id(), step.description(), step.direction(), this.transactional, step.kind());
	}

	/** A migration's DDL commits by itself on MariaDB and MySQL: the step is recorded running before it starts. */
	@Override
	public Step withoutTransaction() {
		return new MigrationStepRun(this.migration, this.direction, this.acknowledgements, this.guard, false);
	}

	@Override
	public String describe() {
		return this.migration.describe();
	}

	@Override
	public @Nullable Timeouts timeouts(Timeouts run) {
		if (this.migration.lockTimeout() == null && this.migration.statementTimeout() == null) {
			return null;
		}
		return run.overriddenBy(this.migration.lockTimeout(), this.migration.statementTimeout());
	}

	@Override
	public boolean fixesLockTimeout() {
		return this.migration.lockTimeout() != null;
	}

	@Override
	public Recording executor(Session session, ConnectionExecutor.@Nullable StatementRetry retry) {
		ConnectionExecutor executor = new ConnectionExecutor(session.jdbcTemplate(), info(), this.migration.source(),
				this.guard.startAttempt(), session.recordsScript(), retry);
		return new Recording(executor);
	}

	@Override
	public void run(QueryInterface q) throws Exception {
		if (this.direction == Direction.UP) {
			this.migration.migration().up(q);
		}
		else {
			this.migration.migration().down(q);
		}
	}

	@Override
	public @Nullable String checksum() {
		return this.migration.checksum();
	}

	@Override
	public String alreadyExistsHint() {
		return "The database already has what " + this.migration.id() + " creates. If its schema was built before "
				+ "this history existed (by hand, by Flyway or Liquibase), record the migrations it already has "
				+ "instead of running them: --migrations.command=mark-applied --migrations.to=<the newest migration "
				+ "the database has>, or migrations.baseline-on-migrate=true with migrations.baseline-id=<that id>; "
				+ "coming from Flyway, --migrations.command=import-flyway reads flyway_schema_history. "
				+ "See docs/coming-from.md.";
	}

	@Override
	public boolean replacesRow() {
		return false;
	}

	@Override
	public @Nullable String acknowledgements() {
		return this.acknowledgements;
	}

	@Override
	public String failureMessage(History history, String cause) {
		String described = this.migration.describe();
		if (this.direction == Direction.UP) {
			return this.transactional
					? "Migration " + described + " failed and was rolled back: the database is as it was before it and "
							+ "no history row was written. Cause: " + cause
					: "Non-transactional migration " + described + " failed midway: the statements it ran before the "
							+ "failure stay applied, and its row in " + history.qualifiedTable() + " is marked failed. "
							+ "Fix the cause, then run --migrations.command=retry, or repair by hand and run "
							+ "mark-applied or mark-rolled-back. Cause: " + cause;
		}
		return this.transactional
				? "Undoing migration " + described + " failed and was rolled back: it is still applied. Cause: " + cause
				: "Undoing non-transactional migration " + described + " failed midway; its row in "
						+ history.qualifiedTable() + " is marked failed. Repair by hand, then run mark-applied or "
						+ "mark-rolled-back. Cause: " + cause;
	}

}
