package dev.migrations.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

	private final DriftCommand drift;

	/** The login of {@link #diff()}'s scratch database, kept for {@link #withDataSource}. */
	private final DriftCommand.@Nullable Login scratchLogin;

	private Migrator(Builder builder) {
		this(settingsOf(builder), builder.scratchLogin);
		String warning = builder.timeouts().lockTimeoutWarning();
		if (warning != null) {
			logger.warn("migrations.safety.lock-timeout: " + warning);
		}
	}

	private static MigrationSettings settingsOf(Builder builder) {
		RunConfig config = builder.config(builder.table(), "Migrations");
		MigrationCatalog catalog = MigrationCatalog.of(builder.migrations);
		if (builder.baselineId != null) {
			catalog.require(builder.baselineId, "migrations.baseline-id");
		}
		return new MigrationSettings(config, catalog, builder.table(), builder.validation, builder.safetyMode,
				builder.baselineId, builder.group);
	}

	private Migrator(MigrationSettings settings, DriftCommand.@Nullable Login scratchLogin) {
		this.settings = settings;
		this.scratchLogin = scratchLogin;
		this.migrate = new MigrateCommands(this.settings);
		this.undo = new UndoCommands(this.settings);
		this.mark = new MarkCommands(this.settings);
		this.plan = new PlanCommand(this.settings);
		this.status = new StatusCommands(this.settings);
		this.drift = new DriftCommand(this.settings, scratchLogin);
	}

	/**
	 * This migrator's migrations and policies on one tenant's run config (see {@link Fleet}): also
	 * {@link #withDataSource}'s way of deriving a migrator.
	 */
	Migrator withConfig(java.util.function.UnaryOperator<RunConfig> tenant) {
		MigrationSettings s = this.settings;
		return new Migrator(new MigrationSettings(tenant.apply(s.config()), s.catalog(), s.table(), s.validation(),
				s.safetyMode(), s.baselineId(), s.group()), this.scratchLogin);
	}

	/** A builder for a migrator on the DataSource. */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * A migrator with the same migrations, history table, policies, listeners and callbacks on another DataSource: a
	 * template database that tests copy, or a database under verification.
	 */
	public Migrator withDataSource(DataSource dataSource) {
		Objects.requireNonNull(dataSource, "dataSource");
		return withConfig((config) -> new RunConfig(dataSource, config.schema(), config.lockTable(),
				config.lockTimeout(), config.connectionCheckInterval(), config.timeouts(), config.retryPolicy(),
				config.lockRetries(), config.events(), config.origin(), config.recordScript(), config.who(),
				config.searchPath()));
	}

	/** The ids of the code's migrations, in the order they run. */
	public List<String> migrationIds() {
		return this.settings.catalog().all().stream().map(ResolvedMigration::id).toList();
	}

	/**
	 * The class of each of the code's migrations by id, in the order they run, without creating a migration that is
	 * created only when it runs: what a cache of migrated databases keys on (with {@link MigrationChecksum}).
	 */
	public Map<String, Class<? extends Migration>> migrationTypes() {
		Map<String, Class<? extends Migration>> types = new LinkedHashMap<>();
		this.settings.catalog().all().forEach((migration) -> types.put(migration.id(), migration.type()));
		return types;
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
		// Ready by the time the connection is: the one-row check compares it with the history.
		this.settings.catalog().summarizeInBackground();
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
		this.settings.catalog().summarizeInBackground();
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

	/**
	 * Records the current checksum of every applied migration whose class changed since it ran, and of the rows
	 * written before checksums were recorded: run it after deciding that the applied schema and the code agree
	 * (Flyway's repair).
	 * @return the ids whose checksum was recorded
	 */
	public CommandResult acceptChecksums() {
		return command(Command.ACCEPT_CHECKSUMS, this.mark::acceptChecksums);
	}

	/**
	 * Reads Flyway's history ({@code flyway_schema_history} in the history's schema) and records the migrations its
	 * successful versioned rows stand for as applied, without running them; the next {@link #migrate()} applies only
	 * the newer ones. A Flyway row matches the migration whose timestamp is its version (dots and underscores
	 * removed), or else whose description is its description.
	 * @throws MigrationException naming every Flyway row that failed or matches no migration; nothing is recorded
	 */
	public CommandResult importFlyway() {
		return command(Command.IMPORT_FLYWAY, this.mark::importFlyway);
	}

	/** Every migration in the code or the history with its state, and the lock holder; changes nothing. */
	public StatusReport status() {
		return this.status.status();
	}

	/**
	 * Whether the schema is up to date with the code, read from one row of the history (not every row, as
	 * {@link #status()} does) and the lock holder; changes nothing. When it is not, {@link #status()} says which
	 * migrations and why.
	 */
	public StatusSummary statusSummary() {
		return this.status.summary();
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

	/**
	 * Drift detection: replays every applied migration into a scratch database ({@code CREATE DATABASE} with a random
	 * name on the same server, dropped at the end whatever happens) and compares its catalog with the live one:
	 * tables, columns and types, defaults, constraints, indexes, enums, views, sequences, functions, triggers; the
	 * history tables left out. Reads the live database only; takes no lock.
	 * @return the differences, empty when the live schema is what the applied migrations build
	 * @throws MigrationException when the scratch database cannot be created or a migration fails to replay
	 */
	public DriftReport diff() {
		return this.drift.diff();
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

		private boolean group;

		private @Nullable String baselineId;

		private DriftCommand.@Nullable Login scratchLogin;

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
		 * Whether {@code migrate} applies all its pending migrations in one transaction with one commit (Flyway's
		 * {@code group}): all or nothing, for test and CI databases. A run with a non-transactional pending
		 * migration is refused before anything runs; a failure rolls back every migration of the group and every
		 * history row it wrote. Each step's lock timeout is tried once (a failed statement aborts the whole
		 * transaction, so no step can be retried alone). Off by default.
		 */
		public Builder group(boolean group) {
			this.group = group;
			return this;
		}

		/**
		 * Baseline on migrate: when {@code migrate} finds a schema with tables but an empty history, it records the
		 * migrations up to and including {@code id} as applied without running them, then applies the newer ones. On
		 * an empty schema every migration runs. {@code null} (the default) turns it off.
		 */
		public Builder baselineOnMigrate(@Nullable String id) {
			this.baselineId = id;
			return this;
		}

		/**
		 * The login {@link Migrator#diff()} connects to its scratch database with (the URL is that of the migrations
		 * connection with the database replaced). By default the migrations connection's user without a password
		 * (trust, peer or {@code .pgpass} authentication); the auto-configuration passes the configured login.
		 */
		public Builder scratchLogin(@Nullable String user, @Nullable String password) {
			this.scratchLogin = new DriftCommand.Login(user, password);
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
