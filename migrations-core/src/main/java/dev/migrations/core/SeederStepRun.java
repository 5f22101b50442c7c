package dev.migrations.core;

import dev.migrations.safety.Timeouts;
import dev.migrations.schema.QueryInterface;
import org.jspecify.annotations.Nullable;

/** A seeder's {@code run} or {@code undo} as a {@link Step}: always in one transaction with its history row. */
final class SeederStepRun implements Step {

	private final SeederCatalog.ResolvedSeeder seeder;

	private final Direction direction;

	private final boolean recorded;

	/**
	 * @param recorded whether the seed history has a row of the seeder already (a run-always seeder, or one run again
	 * by id): running it replaces that row
	 */
	SeederStepRun(SeederCatalog.ResolvedSeeder seeder, Direction direction, boolean recorded) {
		this.seeder = seeder;
		this.direction = direction;
		this.recorded = recorded;
	}

	@Override
	public MigrationStep info() {
		return new MigrationStep(this.seeder.id(), this.seeder.description(), this.direction, true,
				MigrationStep.Kind.SEEDER);
	}

	@Override
	public String describe() {
		return this.seeder.describe();
	}

	@Override
	public @Nullable Timeouts timeouts(Timeouts run) {
		return null;
	}

	@Override
	public @Nullable String checksum() {
		return MigrationChecksum.of(MigrationIds.userClass(this.seeder.seeder().getClass()));
	}

	@Override
	public Recording executor(Session session, ConnectionExecutor.@Nullable StatementRetry retry) {
		// Seeders change data: the safety checks, which look for schema changes that block a live database, do not
		// run on them.
		ConnectionExecutor executor = new ConnectionExecutor(session.jdbcTemplate(), info(), this.seeder.describe(),
				StatementGuard.NONE, session.recordsScript(), null);
		return new Recording(executor);
	}

	@Override
	public void run(QueryInterface q) throws Exception {
		Seeder seeder = this.seeder.seeder();
		switch (this.direction) {
			case UP -> seeder.run(q);
			case DOWN -> seeder.undo(q);
		}
	}

	@Override
	public boolean replacesRow() {
		return this.recorded;
	}

	@Override
	public @Nullable String acknowledgements() {
		return null;
	}

	@Override
	public String failureMessage(History history, String cause) {
		if (this.direction == Direction.UP) {
			return "Seeder " + this.seeder.describe() + " failed and was rolled back: nothing it inserted was kept"
					+ (history.stores() ? " and it is not recorded as run" : "")
					+ ". Seeders before it in this run stay committed. Cause: " + cause;
		}
		return "Undoing seeder " + this.seeder.describe() + " failed and was rolled back: its data and its row are as "
				+ "they were. Cause: " + cause;
	}

}
