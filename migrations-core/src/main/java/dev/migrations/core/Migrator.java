package dev.migrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import dev.migrations.safety.SafetyMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs migrations against a {@link DataSource}: plain Java, no Spring Boot needed. <pre>{@code
 * Migrator migrator = Migrator.builder(dataSource).migrations(List.of(new CreateUsers(), new CreateOrders())).build();
 * migrator.migrate();
 * }</pre>
 *
 * <p>Every command that changes something runs on one connection that holds the schema lock for the whole command,
 * re-reads the history under the lock, and applies each migration in its own transaction with its history row.
 * Status and validation read without the lock. This class is the entry point; the work is done by one command class
 * per family ({@link MigrateCommands}, {@link UndoCommands}, {@link MarkCommands}, {@link PlanCommand},
 * {@link StatusCommands}) over a {@link Session} and a {@link StepRunner}, shared with the {@link SeedRunner}.
 */
public final class Migrator {

	private static final Log logger = LogFactory.getLog(Migrator.class);

	private final MigrationSettings settings;

	private final MigrateCommands migrate;

	private final UndoCommands undo;

	private final MarkCommands mark;

	private final PlanCommand plan;

	private final StatusCommands status;

	private Migrator(Builder builder) {
		this(new MigrationSettings(builder.config(builder.table(), "Migrations"), MigrationCatalog.of(builder.migrations),
				builder.table(), builder.validation, builder.safetyMode));
		String warning = builder.timeouts().lockTimeoutWarning();
		if (warning != null) {
			logger.warn("migrations.safety.lock-timeout: " + warning);
		}
	}

	private Migrator(MigrationSettings settings) {
		this.settings = settings;
		this.migrate = new MigrateCommands(this.settings);
		this.undo = new UndoCommands(this.settings);
		this.mark = new MarkCommands(this.settings);
		this.plan = new PlanCommand(this.settings);
		this.status = new StatusCommands(this.settings);
	}

	/** This migrator's migrations and policies on one tenant's run config (see {@link Fleet}). */
	Migrator withConfig(java.util.function.UnaryOperator<RunConfig> tenant) {
		MigrationSettings s = this.settings;
		return new Migrator(new MigrationSettings(tenant.apply(s.config()), s.catalog(), s.table(), s.validation(), s.safetyMode()));
	}

	/** A builder for a migrator on the DataSource. */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/** The ids of the code's migrations, in the order they run. */
	public List<String> migrationIds() {
		return this.settings.catalog().all().stream().map(ResolvedMigration::id).toList();
	}

	/** The history table's name. */
	public String table() {
		return this.settings.table();
	}

	MigrationSettings settings() {
		return this.settings;
	}

	/** Applies every pending migration. */
	public CommandResult migrate() {
		return migrate(null, null);
	}

	/** Applies the pending migrations up to and including {@code id}. */
	public CommandResult migrateTo(String id) {
		return migrate(Objects.requireNonNull(id, "id"), null);
	}

	/** Applies the next {@code steps} pending migrations. */
	public CommandResult migrateSteps(int steps) {
		return migrate(null, positive(steps));
	}

	private CommandResult migrate(@Nullable String to, @Nullable Integer steps) {
		if (to != null) {
			this.settings.catalog().require(to, "migrations.to");
		}
		return command(Command.MIGRATE, (run) -> this.migrate.migrate(run, to, steps));
	}

	/**
	 * Applies every pending migration, then runs the seeders, in one session that holds the schema lock throughout:
	 * no other instance can undo a migration between the two (as it could between {@link #migrate()} and
	 * {@link SeedRunner#seed()}). The seeders' history is the seed runner's; the lock, connection and timeouts are
	 * this migrator's.
	 * @return the result of {@code migrate}, then that of {@code seed}
	 */
	public List<CommandResult> migrateAndSeed(SeedRunner seeds) {
		Objects.requireNonNull(seeds, "seeds");
		RunConfig config = this.settings.config();
		return Session.open(config, (session) -> {
			// Once taken (by migrate when something is pending, else by the seeders), the session keeps the lock until
			// it closes: nothing can undo a migration between the two. With nothing to do, the restart takes no lock;
			// the seeders check again under the lock that no migration is pending.
			CommandResult migrated = CommandRun.execute(config, session, Command.MIGRATE,
					(run) -> this.migrate.migrate(run, null, null));
			return List.of(migrated, seeds.seedIn(session));
		});
	}

	/** Undoes the newest applied migration. */
	public CommandResult undo() {
		return undoSteps(1);
	}

	/** Undoes the {@code steps} newest applied migrations, newest first. */
	public CommandResult undoSteps(int steps) {
		positive(steps);
		return command(Command.UNDO, (run) -> this.undo.undo(run, UndoCommands.steps(steps)));
	}

	/**
	 * Undoes the applied migrations down to and including {@code id}, newest first: afterwards {@code id} and every
	 * migration after it are pending (Sequelize's {@code db:migrate:undo:all --to}).
	 */
	public CommandResult undoTo(String id) {
		Objects.requireNonNull(id, "id");
		return command(Command.UNDO, (run) -> this.undo.undo(run, UndoCommands.downTo(id)));
	}

	/** Undoes every migration applied by the newest batch (knex's rollback). */
	public CommandResult undoBatch() {
		return command(Command.UNDO_BATCH, (run) -> this.undo.undo(run, UndoCommands.newestBatch()));
	}

	/** Undoes every applied migration, newest first. */
	public CommandResult undoAll() {
		return command(Command.UNDO_ALL, (run) -> this.undo.undo(run, Plan::appliedNewestFirst));
	}

	/** Undoes the newest applied migration and applies it again. */
	public CommandResult redo() {
		return command(Command.REDO, this.migrate::redo);
	}

	/** Runs failed or interrupted non-transactional migrations again, then every pending one. */
	public CommandResult retry() {
		return command(Command.RETRY, this.migrate::retry);
	}

	/**
	 * Records migrations as applied without running them. With {@code to == null}: the failed or interrupted ones
	 * (you completed them by hand). With an id: every pending migration up to and including it as well (adopting a
	 * database whose schema already exists).
	 */
	public CommandResult markApplied(@Nullable String to) {
		if (to != null) {
			this.settings.catalog().require(to, "migrations.to");
		}
		return command(Command.MARK_APPLIED, (run) -> this.mark.markApplied(run, to));
	}

	/**
	 * Removes history rows without running {@code down}. With {@code to == null}: the failed or interrupted ones (you
	 * reverted them by hand; they run again on the next migrate). With an id: that row and every row after it,
	 * whatever their state (also for migrations no longer in the code).
	 */
	public CommandResult markRolledBack(@Nullable String to) {
		return command(Command.MARK_ROLLED_BACK, (run) -> this.mark.markRolledBack(run, to));
	}

	/** Every migration in the code or the history with its state, and the lock holder; changes nothing. */
	public StatusReport status() {
		return this.status.status();
	}

	/**
	 * Dry run: every pending migration with the exact SQL it would run, recorded by running its {@code up} against a
	 * recording executor. Touches nothing: no schema change, no history table (it is read when it exists), no lock.
	 * What the migration reads (queries, {@code describeTable}, {@code jdbc()}) is read from the current database in
	 * a read-only transaction that is rolled back, and every statement after such a read is marked as depending on
	 * data. A write through {@code jdbc()} fails in that transaction and ends that migration's plan, as does any
	 * failure of the migration's code; the reason is in {@link PlannedMigration#stoppedBy()}.
	 * @throws MigrationValidationException when the validation policies fail, as {@link #migrate()} would
	 */
	public MigrationPlan plan() {
		return plan(null, null);
	}

	/**
	 * Dry run of what {@code migrate} with the same target would apply: the pending migrations up to and including
	 * {@code to}, or the next {@code steps} of them; {@link #plan()} with both {@code null}.
	 */
	public MigrationPlan plan(@Nullable String to, @Nullable Integer steps) {
		if (to != null) {
			this.settings.catalog().require(to, "migrations.to");
		}
		if (steps != null) {
			positive(steps);
		}
		return this.plan.plan(to, steps);
	}

	/**
	 * Checks that every migration is applied, none failed, and the validation policies hold; changes nothing.
	 * @throws MigrationValidationException naming what is pending, failed, missing or out of order
	 */
	public StatusReport validate() {
		return this.status.validate();
	}

	private CommandResult command(Command command, CommandRun.Work work) {
		return CommandRun.execute(this.settings.config(), command, work);
	}

	private static int positive(int steps) {
		if (steps <= 0) {
			throw new IllegalArgumentException("migrations.step must be positive, was " + steps);
		}
		return steps;
	}

	/**
	 * Builds a {@link Migrator}.
	 */
	public static final class Builder extends RunnerBuilder<Builder> {

		private final List<ResolvedMigration> migrations = new ArrayList<>();

		private Validation validation = Defaults.VALIDATION;

		private SafetyMode safetyMode = Defaults.SAFETY_MODE;

		private Builder(DataSource dataSource) {
			super(dataSource, Defaults.TABLE, "migrations.table");
		}

		/** Adds migrations, each named by its class in messages (and a number when a class backs several). */
		public Builder migrations(Iterable<? extends Migration> migrations) {
			for (Migration migration : migrations) {
				migration(nameOf(migration), migration);
			}
			return this;
		}

		/** Adds migrations named by where they come from, e.g. Spring bean names. */
		public Builder migrations(Map<String, ? extends Migration> migrations) {
			migrations.forEach(this::migration);
			return this;
		}

		/** Adds one migration, named by {@code source} in messages. */
		public Builder migration(String source, Migration migration) {
			this.migrations.add(ResolvedMigration.of(claim(source, "migrations"), migration));
			return this;
		}

		/**
		 * Adds a migration that is created only when it runs (or {@link Migrator#status()} needs it), named by
		 * {@code source} in messages.
		 */
		public Builder migration(String source, MigrationSupplier migration) {
			this.migrations.add(ResolvedMigration.of(claim(source, "migrations"), migration));
			return this;
		}

		/** The validation policies; {@link Validation#defaults()} by default. */
		public Builder validation(Validation validation) {
			this.validation = Objects.requireNonNull(validation, "validation");
			return this;
		}

		/**
		 * What the safety checks do with a dangerous operation in a pending migration: {@code FAIL} (the default)
		 * refuses to run anything, {@code WARN} logs it, {@code OFF} skips the checks.
		 */
		public Builder safetyMode(SafetyMode safetyMode) {
			this.safetyMode = Objects.requireNonNull(safetyMode, "safetyMode");
			return this;
		}

		/**
		 * Checks the migrations and builds the migrator; touches no database.
		 * @throws InvalidMigrationException naming a malformed or duplicate id, or a class registered twice
		 */
		public Migrator build() {
			return new Migrator(this);
		}

	}

}
