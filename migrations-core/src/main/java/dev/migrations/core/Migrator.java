package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import dev.migrations.dialect.Dialect;
import dev.migrations.dialect.LockHolder;
import dev.migrations.safety.Acknowledgement;
import dev.migrations.safety.Finding;
import dev.migrations.safety.MigrationUnderAnalysis;
import dev.migrations.safety.RetryPolicy;
import dev.migrations.safety.SafetyAnalyzer;
import dev.migrations.safety.SafetyGate;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.SafetyReview;
import dev.migrations.safety.Timeouts;
import dev.migrations.schema.SqlStatement;
import dev.migrations.schema.DefaultQueryInterface;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs migrations against a {@link DataSource}: plain Java, no Spring Boot needed. <pre>{@code
 * Migrator migrator = Migrator.builder(dataSource).migrations(List.of(new CreateUsers(), new CreateOrders())).build();
 * migrator.migrate();
 * }</pre>
 *
 * <p>Every command that changes something runs on one connection that holds the schema lock for the whole command,
 * re-reads the history under the lock, and applies each migration in its own transaction with its history row.
 * Status and validation read without the lock.
 */
public final class Migrator {

	private static final Log logger = LogFactory.getLog(Migrator.class);

	private final DataSource dataSource;

	private final MigrationCatalog catalog;

	private final @Nullable String schema;

	private final String table;

	private final Duration lockTimeout;

	private final Duration connectionCheckInterval;

	private final Validation validation;

	private final Timeouts timeouts;

	private final RetryPolicy retryPolicy;

	private final SafetyMode safetyMode;

	private final List<MigrationListener> listeners;

	private final @Nullable String appliedBy;

	private final @Nullable String application;

	private Migrator(Builder builder) {
		this.dataSource = builder.dataSource;
		this.catalog = MigrationCatalog.of(builder.migrations);
		this.schema = builder.schema;
		this.table = builder.table;
		this.lockTimeout = builder.lockTimeout;
		this.connectionCheckInterval = builder.connectionCheckInterval;
		this.validation = builder.validation;
		this.timeouts = builder.timeouts;
		this.retryPolicy = builder.retryPolicy;
		this.safetyMode = builder.safetyMode;
		this.listeners = List.copyOf(builder.listeners);
		this.appliedBy = (builder.appliedBy != null) ? builder.appliedBy : Runs.hostName();
		this.application = builder.application;
		warnAboutLockTimeouts();
	}

	private void warnAboutLockTimeouts() {
		String warning = this.timeouts.lockTimeoutWarning();
		if (warning != null) {
			logger.warn("migrations.safety.lock-timeout: " + warning);
		}
	}

	/** A builder for a migrator on the DataSource. */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/** The ids of the code's migrations, in the order they run. */
	public List<String> migrationIds() {
		return this.catalog.all().stream().map(ResolvedMigration::id).toList();
	}

	/** The history table's name. */
	public String table() {
		return this.table;
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
			this.catalog.require(to, "migrations.to");
		}
		return command(Command.MIGRATE, (run) -> {
			// Fast path, no lock: a restart with nothing to do costs one read.
			Plan unlocked = run.read();
			if (unlocked.isUpToDate()) {
				unlocked.validate(this.validation, run.history.qualifiedTable());
				return run.result(List.of(), null);
			}
			// Safety checks before the lock: an unsafe migration is refused without holding up other replicas.
			run.review(select(unlocked.pending(), to, steps));
			run.lock();
			Plan plan = run.read();
			plan.validate(this.validation, run.history.qualifiedTable());
			return run.applyAll(select(plan.pending(), to, steps), plan.lastBatch() + 1);
		});
	}

	private static List<ResolvedMigration> select(List<ResolvedMigration> pending, @Nullable String to,
			@Nullable Integer steps) {
		List<ResolvedMigration> selected = new ArrayList<>();
		for (ResolvedMigration migration : pending) {
			if ((to != null && migration.id().compareTo(to) > 0) || (steps != null && selected.size() == steps)) {
				break;
			}
			selected.add(migration);
		}
		return selected;
	}

	/** Undoes the newest applied migration. */
	public CommandResult undo() {
		return undoSteps(1);
	}

	/** Undoes the {@code steps} newest applied migrations, newest first. */
	public CommandResult undoSteps(int steps) {
		positive(steps);
		return undo(Command.UNDO, (plan) -> plan.appliedNewestFirst().stream().limit(steps).toList());
	}

	/**
	 * Undoes the applied migrations down to and including {@code id}, newest first: afterwards {@code id} and every
	 * migration after it are pending (Sequelize's {@code db:migrate:undo:all --to}).
	 */
	public CommandResult undoTo(String id) {
		Objects.requireNonNull(id, "id");
		return undo(Command.UNDO, (plan) -> {
			HistoryRow target = plan.row(id);
			if (target == null || !target.isApplied()) {
				throw new MigrationException("migrations.to names " + id + ", which is not an applied migration");
			}
			return plan.appliedNewestFirst().stream().filter((row) -> row.id().compareTo(id) >= 0).toList();
		});
	}

	/** Undoes every migration applied by the newest batch (knex's rollback). */
	public CommandResult undoBatch() {
		return undo(Command.UNDO_BATCH, (plan) -> {
			List<HistoryRow> applied = plan.appliedNewestFirst();
			int batch = applied.stream().mapToInt(HistoryRow::batch).max().orElse(0);
			return applied.stream().filter((row) -> row.batch() == batch).toList();
		});
	}

	/** Undoes every applied migration, newest first. */
	public CommandResult undoAll() {
		return undo(Command.UNDO_ALL, Plan::appliedNewestFirst);
	}

	private CommandResult undo(Command command, java.util.function.Function<Plan, List<HistoryRow>> selection) {
		return command(command, (run) -> {
			run.lock();
			Plan plan = run.read();
			plan.validate(this.validation, run.history.qualifiedTable());
			List<ResolvedMigration> targets = reversibleTargets(selection.apply(plan));
			for (ResolvedMigration migration : targets) {
				run.undo(migration);
			}
			return run.result(targets.stream().map(ResolvedMigration::id).toList(), null);
		});
	}

	/** Undoes the newest applied migration and applies it again. */
	public CommandResult redo() {
		return command(Command.REDO, (run) -> {
			run.lock();
			Plan plan = run.read();
			plan.validate(this.validation, run.history.qualifiedTable());
			List<ResolvedMigration> targets = reversibleTargets(plan.appliedNewestFirst().stream().limit(1).toList());
			if (targets.isEmpty()) {
				return run.result(List.of(), null);
			}
			ResolvedMigration migration = targets.get(0);
			run.undo(migration);
			return run.applyAll(List.of(migration), plan.lastBatch() + 1);
		});
	}

	/** Runs failed or interrupted non-transactional migrations again, then every pending one. */
	public CommandResult retry() {
		return command(Command.RETRY, (run) -> {
			run.lock();
			Plan plan = run.read();
			for (HistoryRow row : plan.failed()) {
				this.catalog.require(row.id(), "The history row of a failed migration");
				run.history.delete(run.connection, row.id());
			}
			Plan fresh = run.read();
			fresh.validate(this.validation, run.history.qualifiedTable());
			return run.applyAll(fresh.pending(), fresh.lastBatch() + 1);
		});
	}

	/**
	 * Records migrations as applied without running them. With {@code to == null}: the failed or interrupted ones
	 * (you completed them by hand). With an id: every pending migration up to and including it as well (adopting a
	 * database whose schema already exists).
	 */
	public CommandResult markApplied(@Nullable String to) {
		if (to != null) {
			this.catalog.require(to, "migrations.to");
		}
		return command(Command.MARK_APPLIED, (run) -> {
			run.lock();
			Plan plan = run.read();
			int batch = plan.lastBatch() + 1;
			OffsetDateTime now = Runs.now();
			List<String> marked = new ArrayList<>();
			for (HistoryRow row : plan.failed()) {
				if (to == null || row.id().compareTo(to) <= 0) {
					run.history.markApplied(run.connection, row.id(), batch, now);
					marked.add(row.id());
				}
			}
			if (to != null) {
				for (ResolvedMigration migration : plan.pending()) {
					if (migration.id().compareTo(to) <= 0) {
						run.history.insert(run.connection, new HistoryRow(migration.id(), migration.description(),
								HistoryRow.State.APPLIED, batch, null, migration.transactional(), now, now, 0L,
								this.appliedBy, this.application, null, null, "marked applied without running"));
						marked.add(migration.id());
					}
				}
			}
			marked.sort(null);
			return run.result(marked, marked.isEmpty() ? null : batch);
		});
	}

	/**
	 * Removes history rows without running {@code down}. With {@code to == null}: the failed or interrupted ones (you
	 * reverted them by hand; they run again on the next migrate). With an id: that row and every row after it,
	 * whatever their state (also for migrations no longer in the code).
	 */
	public CommandResult markRolledBack(@Nullable String to) {
		return command(Command.MARK_ROLLED_BACK, (run) -> {
			run.lock();
			Plan plan = run.read();
			List<String> removed = new ArrayList<>();
			if (to == null) {
				plan.failed().forEach((row) -> removed.add(row.id()));
			}
			else {
				if (plan.row(to) == null) {
					throw new MigrationException("migrations.to names " + to + ", which has no row in "
							+ run.history.qualifiedTable());
				}
				plan.rows().stream().filter((row) -> row.id().compareTo(to) >= 0).forEach((row) -> removed.add(row.id()));
			}
			for (String id : removed) {
				run.history.delete(run.connection, id);
			}
			return run.result(removed, null);
		});
	}

	/** Every migration in the code or the history with its state, and the lock holder; changes nothing. */
	public StatusReport status() {
		return read((run) -> {
			Plan plan = run.readAll();
			LockHolder holder = run.dialect.lockHolder(run.connection, run.lock.key()).orElse(null);
			return new StatusReport(run.history.schema(), run.history.table(), plan.statuses(), holder);
		});
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
			this.catalog.require(to, "migrations.to");
		}
		if (steps != null) {
			positive(steps);
		}
		return read((run) -> {
			Plan plan = run.read();
			plan.validate(this.validation, run.history.qualifiedTable());
			List<PlannedMigration> planned = new ArrayList<>();
			for (ResolvedMigration migration : select(plan.pending(), to, steps)) {
				PlannedMigration migrationPlan = run.plan(migration);
				planned.add(migrationPlan.withSafety(run.safetyReview(migration, migrationPlan)));
			}
			return new MigrationPlan(run.history.schema(), run.history.table(), planned);
		});
	}

	/**
	 * Checks that every migration is applied, none failed, and the validation policies hold; changes nothing.
	 * @throws MigrationValidationException naming what is pending, failed, missing or out of order
	 */
	public StatusReport validate() {
		StatusReport report = status();
		List<String> notApplied = report.migrations()
			.stream()
			.filter((m) -> m.state() != MigrationState.APPLIED && m.state() != MigrationState.MISSING)
			.map((m) -> m.id() + " (" + m.state().name().toLowerCase(java.util.Locale.ROOT) + ")")
			.toList();
		if (!notApplied.isEmpty()) {
			throw new MigrationValidationException("The schema in " + report.schema() + "." + report.table()
					+ " is not up to date; not applied: " + String.join(", ", notApplied)
					+ ". Run --migrations.command=migrate, or set migrations.on-startup=migrate.");
		}
		read((run) -> {
			run.read().validate(this.validation, run.history.qualifiedTable());
			return null;
		});
		return report;
	}

	private List<ResolvedMigration> reversibleTargets(List<HistoryRow> rows) {
		List<ResolvedMigration> targets = new ArrayList<>();
		for (HistoryRow row : rows) {
			ResolvedMigration migration = this.catalog.find(row.id());
			if (migration == null) {
				throw new MigrationException("Cannot undo " + row.id() + ": it is applied but no longer in the code, so "
						+ "its down method is unknown; nothing was undone. If you reverted it by hand, "
						+ "--migrations.command=mark-rolled-back --migrations.to=" + row.id() + " removes its row.");
			}
			if (!migration.reversible()) {
				throw new IrreversibleMigrationException(migration.id());
			}
			targets.add(migration);
		}
		return targets;
	}

	private CommandResult command(Command command, Work<CommandResult> work) {
		this.listeners.forEach((l) -> l.commandStarting(command));
		long start = System.nanoTime();
		CommandResult result = null;
		RuntimeException failure = null;
		try {
			result = read((run) -> {
				run.command = command;
				run.start = start;
				return work.run(run);
			});
			return result;
		}
		catch (RuntimeException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			CommandResult outcome = (result != null) ? result
					: new CommandResult(command, List.of(), null, Duration.ofNanos(System.nanoTime() - start));
			for (MigrationListener listener : this.listeners) {
				listener.commandFinished(command, outcome, failure);
			}
		}
	}

	private <T> T read(Work<T> work) {
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new MigrationException("Migrations could not connect to the database: " + ex.getMessage(), ex);
		}
		Run run = null;
		try {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			run = new Run(connection);
			try {
				return work.run(run);
			}
			finally {
				run.unlock();
				if (run.usable) {
					connection.setAutoCommit(autoCommit);
				}
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Migrations could not use the database: " + ex.getMessage(), ex);
		}
		finally {
			Runs.close(connection, run == null || run.usable);
		}
	}


	private static int positive(int steps) {
		if (steps <= 0) {
			throw new IllegalArgumentException("migrations.step must be positive, was " + steps);
		}
		return steps;
	}


	@FunctionalInterface
	private interface Work<T> {

		T run(Run run) throws SQLException;

	}

	@FunctionalInterface
	private interface SqlWork {

		void run() throws SQLException;

	}

	@FunctionalInterface
	private interface MigrationWork {

		void run() throws Exception;

	}

	/** One command's connection, history and lock. */
	private final class Run {

		private final Connection connection;

		private final Dialect dialect;

		private final HistoryStore history;

		private final SchemaLock lock;

		private boolean locked;

		/** The session checked and watched by {@link #lock()}, whose settings {@link #unlock()} restores. */
		private @Nullable SessionGuard session;

		/** One template on the run's connection for every migration and dry run of the run. */
		private @Nullable JdbcTemplate jdbcTemplate;

		/** {@code false} once the physical connection was aborted. */
		private boolean usable = true;

		/** The safety review of each migration this run checked, by id. */
		private final Map<String, SafetyReview> reviews = new java.util.HashMap<>();

		private Command command = Command.STATUS;

		private long start;

		Run(Connection connection) throws SQLException {
			this.connection = connection;
			this.dialect = Dialect.of(connection);
			String schema = (Migrator.this.schema != null) ? Migrator.this.schema : this.dialect.currentSchema(connection);
			this.history = new HistoryStore(this.dialect, schema, Migrator.this.table);
			this.lock = new SchemaLock(this.dialect, schema, Migrator.this.table, Migrator.this.lockTimeout);
		}

		private JdbcTemplate jdbcTemplate() {
			if (this.jdbcTemplate == null) {
				this.jdbcTemplate = ConnectionExecutor.on(this.connection);
			}
			return this.jdbcTemplate;
		}

		/** The code against the history, as planning needs it. */
		Plan read() throws SQLException {
			return new Plan(Migrator.this.catalog, this.history.readStates(this.connection));
		}

		/** The code against the whole history, for status. */
		Plan readAll() throws SQLException {
			return new Plan(Migrator.this.catalog, this.history.readAll(this.connection));
		}

		void lock() throws SQLException {
			this.session = SessionGuard.open(this.dialect, this.connection, Migrator.this.connectionCheckInterval);
			Duration waited = this.lock.acquire(this.connection);
			this.locked = true;
			Migrator.this.listeners.forEach((l) -> l.lockAcquired(waited));
			// The run's timeouts are set once for the session, not per migration (a round trip each), and restored
			// by the session guard before the connection goes back to the pool.
			Timeouts timeouts = Migrator.this.timeouts;
			this.dialect.setTimeouts(this.connection, timeouts.lockTimeout().toMillis(),
					timeouts.statementTimeout().toMillis(), false);
			this.history.createIfMissing(this.connection);
		}

		void unlock() {
			SessionGuard session = this.session;
			this.session = null;
			if (session != null && this.usable && !session.close(this.connection)) {
				abort();
			}
			if (this.locked) {
				this.locked = false;
				// An aborted connection's session is gone, and its lock with it.
				if (this.usable) {
					this.usable = this.lock.release(this.connection);
				}
			}
		}

		CommandResult result(List<String> ids, @Nullable Integer batch) {
			return new CommandResult(this.command, ids, batch, Duration.ofNanos(System.nanoTime() - this.start));
		}

		/**
		 * Runs the safety checks on the migrations not reviewed yet, from a dry run of each.
		 * @throws dev.migrations.safety.UnsafeMigrationException in fail mode, listing every unacknowledged finding
		 */
		void review(List<ResolvedMigration> migrations) throws SQLException {
			if (Migrator.this.safetyMode == SafetyMode.OFF) {
				return;
			}
			Map<String, ResolvedMigration> todo = new LinkedHashMap<>();
			for (ResolvedMigration migration : migrations) {
				if (!this.reviews.containsKey(migration.id())) {
					todo.put(migration.id(), migration);
				}
			}
			if (todo.isEmpty()) {
				return;
			}
			List<MigrationUnderAnalysis> analyses = new ArrayList<>();
			for (ResolvedMigration migration : todo.values()) {
				PlannedMigration planned = plan(migration);
				if (planned.stoppedBy() != null) {
					logger.info("The safety checks see migration " + migration.id() + " only up to where its dry run "
							+ "stopped: " + planned.stoppedBy());
				}
				analyses.add(analysis(migration, planned));
			}
			SafetyGate gate = new SafetyGate(new SafetyAnalyzer(new ConnectionSchemaInfo(this.connection, this.dialect)),
					Migrator.this.safetyMode);
			List<SafetyReview> results = gate.check(analyses, (id) -> declaredAcknowledgements(todo.get(id)));
			for (int i = 0; i < analyses.size(); i++) {
				String id = analyses.get(i).migrationId();
				SafetyReview review = results.get(i);
				this.reviews.put(id, review);
				for (Finding finding : review.unacknowledged()) {
					logger.warn(finding.describe());
				}
				for (Acknowledgement unused : review.unused()) {
					logger.warn("Migration " + id + " acknowledges " + unused.check()
							+ ", but the safety checks found no such operation in it; remove the acknowledgement");
				}
			}
		}

		private @Nullable String acknowledgements(ResolvedMigration migration) {
			SafetyReview review = this.reviews.get(migration.id());
			return (review != null) ? review.historyText() : null;
		}

		/** What the safety checks find in a planned migration, without failing; {@code null} when they are off. */
		@Nullable SafetyReview safetyReview(ResolvedMigration migration, PlannedMigration planned) {
			if (Migrator.this.safetyMode == SafetyMode.OFF) {
				return null;
			}
			return new SafetyGate(new SafetyAnalyzer(new ConnectionSchemaInfo(this.connection, this.dialect)),
					Migrator.this.safetyMode)
				.review(analysis(migration, planned), declaredAcknowledgements(migration));
		}

		private MigrationUnderAnalysis analysis(ResolvedMigration migration, PlannedMigration planned) {
			return new MigrationUnderAnalysis(migration.id(), migration.transactional(), planned.statements()
				.stream()
				.map((statement) -> new SqlStatement(statement.sql(), statement.parameters(), statement.transactional()))
				.toList());
		}

		private List<Acknowledgement> declaredAcknowledgements(ResolvedMigration migration) {
			return Acknowledgement.of(migration.id(), MigrationIds.userClass(migration.migration().getClass()));
		}

		CommandResult applyAll(List<ResolvedMigration> migrations, int batch) throws SQLException {
			review(migrations);
			List<String> applied = new ArrayList<>();
			for (ResolvedMigration migration : migrations) {
				apply(migration, batch);
				applied.add(migration.id());
			}
			if (!applied.isEmpty()) {
				logger.info("Applied " + applied.size() + " migration(s) as batch " + batch + " to "
						+ this.history.qualifiedTable() + "; the schema is now at " + applied.get(applied.size() - 1));
			}
			return result(applied, applied.isEmpty() ? null : batch);
		}

		void apply(ResolvedMigration migration, int batch) throws SQLException {
			if (migration.lockTimeout() != null) {
				String warning = timeouts(migration).lockTimeoutWarning();
				if (warning != null) {
					logger.warn("Migration " + migration.describe() + ": " + warning);
				}
			}
			long start = System.nanoTime();
			step(migration, Direction.UP, () -> {
				if (migration.transactional()) {
					retrying(migration, Direction.UP, () -> applyInTransaction(migration, batch));
				}
				else {
					applyWithoutTransaction(migration, batch);
				}
			});
			logger.info("Applied migration " + migration.id() + " in " + Runs.millis(start) + " ms");
		}

		void undo(ResolvedMigration migration) throws SQLException {
			long start = System.nanoTime();
			step(migration, Direction.DOWN, () -> {
				if (migration.transactional()) {
					retrying(migration, Direction.DOWN, () -> undoInTransaction(migration));
				}
				else {
					undoWithoutTransaction(migration);
				}
			});
			logger.info("Undid migration " + migration.id() + " in " + Runs.millis(start) + " ms");
		}

		/** Runs one migration step, telling the listeners before and after. */
		private void step(ResolvedMigration migration, Direction direction, SqlWork work) throws SQLException {
			MigrationStep step = migration.step(direction);
			Migrator.this.listeners.forEach((l) -> l.migrationStarting(step));
			long start = System.nanoTime();
			Throwable failure = null;
			try {
				work.run();
			}
			catch (RuntimeException | SQLException | Error ex) {
				failure = ex;
				throw ex;
			}
			finally {
				Duration duration = Duration.ofNanos(System.nanoTime() - start);
				for (MigrationListener listener : Migrator.this.listeners) {
					listener.migrationFinished(step, duration, failure);
				}
			}
		}

		/**
		 * Runs a whole transactional attempt again when it failed on a lock timeout: the attempt rolled back, so
		 * nothing of it is left and trying again is safe.
		 */
		private void retrying(ResolvedMigration migration, Direction direction, SqlWork attempt) throws SQLException {
			for (int number = 1;; number++) {
				try {
					attempt.run();
					return;
				}
				catch (MigrationFailedException ex) {
					if (!this.dialect.isLockTimeout(ex)) {
						throw ex;
					}
					if (!Migrator.this.retryPolicy.allowsAnotherAfter(number)) {
						throw new MigrationFailedException(migration.id(), ex.getMessage() + " Gave up after " + number
								+ " attempt(s), each waiting longer than lock_timeout ("
								+ timeouts(migration).lockTimeout() + ") for a lock that another transaction holds: look "
								+ "for it in pg_stat_activity and pg_locks, or retry when the load is lower.", ex.getCause());
					}
					backOff(migration.step(direction), number);
				}
			}
		}

		/** Waits before the next attempt after a lock timeout, and says so. */
		void backOff(MigrationStep step, int attempt) {
			Duration backoff = Migrator.this.retryPolicy.backoffAfter(attempt);
			logger.warn("Migration " + step.id() + " (" + step.direction().name().toLowerCase(java.util.Locale.ROOT)
					+ ") timed out waiting for a lock on attempt " + attempt + "; trying again in " + backoff.toMillis()
					+ " ms");
			Migrator.this.listeners.forEach((l) -> l.lockTimeoutRetry(step, attempt, backoff));
			try {
				Thread.sleep(backoff.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new MigrationException("Interrupted while waiting to retry migration " + step.id(), ex);
			}
		}

		private Timeouts timeouts(ResolvedMigration migration) {
			return Migrator.this.timeouts.overriddenBy(migration.lockTimeout(), migration.statementTimeout());
		}

		private ConnectionExecutor executor(ResolvedMigration migration, Direction direction) {
			if (migration.transactional()) {
				return new ConnectionExecutor(jdbcTemplate(), migration, null);
			}
			// Outside a transaction each statement commits alone, so a statement that timed out on a lock can be
			// retried by itself without repeating what committed before it.
			MigrationStep step = migration.step(direction);
			return new ConnectionExecutor(jdbcTemplate(), migration, (statement) -> {
				for (int number = 1;; number++) {
					try {
						statement.run();
						return;
					}
					catch (RuntimeException ex) {
						if (!this.dialect.isLockTimeout(ex) || !Migrator.this.retryPolicy.allowsAnotherAfter(number)) {
							throw ex;
						}
						backOff(step, number);
					}
				}
			});
		}

		private void applyInTransaction(ResolvedMigration migration, int batch) throws SQLException {
			ConnectionExecutor executor = executor(migration, Direction.UP);
			OffsetDateTime started = Runs.now();
			long start = System.nanoTime();
			this.connection.setAutoCommit(false);
			try {
				setLocalTimeouts(migration);
				migration.migration().up(queryInterface(executor));
				this.history.insert(this.connection,
						new HistoryRow(migration.id(), migration.description(), HistoryRow.State.APPLIED, batch, null,
								true, started, Runs.now(), Runs.millis(start), Migrator.this.appliedBy,
								Migrator.this.application, null, executor.script(), acknowledgements(migration)));
				this.connection.commit();
			}
			catch (Exception | Error ex) {
				// Errors too: returning to auto-commit would commit what the migration did so far.
				rollback();
				Runs.rethrowFatal(ex);
				throw new MigrationFailedException(migration.id(), "Migration " + migration.describe()
						+ " failed and was rolled back: the database is as it was before it and no history row was "
						+ "written. Cause: " + Runs.rootMessage(ex), ex);
			}
			finally {
				restoreAutoCommit();
			}
		}

		private void applyWithoutTransaction(ResolvedMigration migration, int batch) throws SQLException {
			ConnectionExecutor executor = executor(migration, Direction.UP);
			OffsetDateTime started = Runs.now();
			long start = System.nanoTime();
			this.history.insert(this.connection, new HistoryRow(migration.id(), migration.description(),
					HistoryRow.State.RUNNING, batch, null, false, started, null, null, Migrator.this.appliedBy,
					Migrator.this.application, null, null, acknowledgements(migration)));
			try {
				withSessionTimeouts(migration, () -> migration.migration().up(queryInterface(executor)));
			}
			catch (Exception | Error ex) {
				Runs.rethrowFatal(ex);
				String cause = Runs.rootMessage(ex);
				this.history.finish(this.connection, migration.id(), HistoryRow.State.FAILED, Runs.now(), Runs.millis(start),
						cause, executor.script());
				throw new MigrationFailedException(migration.id(), "Non-transactional migration " + migration.describe()
						+ " failed midway: the statements it ran before the failure stay applied, and its row in "
						+ this.history.qualifiedTable() + " is marked failed. Fix the cause, then run "
						+ "--migrations.command=retry, or repair by hand and run mark-applied or mark-rolled-back. Cause: "
						+ cause, ex);
			}
			this.history.finish(this.connection, migration.id(), HistoryRow.State.APPLIED, Runs.now(), Runs.millis(start), null,
					executor.script());
		}

		PlannedMigration plan(ResolvedMigration migration) throws SQLException {
			PlanExecutor executor = new PlanExecutor(this.connection, jdbcTemplate(), migration.transactional());
			String stoppedBy = null;
			try {
				migration.migration().up(new DefaultQueryInterface(this.dialect, executor, null));
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

		private void undoInTransaction(ResolvedMigration migration) throws SQLException {
			ConnectionExecutor executor = executor(migration, Direction.DOWN);
			this.connection.setAutoCommit(false);
			try {
				setLocalTimeouts(migration);
				migration.migration().down(queryInterface(executor));
				this.history.delete(this.connection, migration.id());
				this.connection.commit();
			}
			catch (Exception | Error ex) {
				rollback();
				Runs.rethrowFatal(ex);
				throw new MigrationFailedException(migration.id(), "Undoing migration " + migration.describe()
						+ " failed and was rolled back: it is still applied. Cause: " + Runs.rootMessage(ex), ex);
			}
			finally {
				restoreAutoCommit();
			}
		}

		private void undoWithoutTransaction(ResolvedMigration migration) throws SQLException {
			ConnectionExecutor executor = executor(migration, Direction.DOWN);
			long start = System.nanoTime();
			try {
				withSessionTimeouts(migration, () -> migration.migration().down(queryInterface(executor)));
			}
			catch (Exception | Error ex) {
				Runs.rethrowFatal(ex);
				String cause = Runs.rootMessage(ex);
				this.history.finish(this.connection, migration.id(), HistoryRow.State.FAILED, Runs.now(), Runs.millis(start),
						"down failed: " + cause, executor.script());
				throw new MigrationFailedException(migration.id(), "Undoing non-transactional migration "
						+ migration.describe() + " failed midway; its row in " + this.history.qualifiedTable()
						+ " is marked failed. Repair by hand, then run mark-applied or mark-rolled-back. Cause: " + cause,
						ex);
			}
			this.history.delete(this.connection, migration.id());
		}

		private DefaultQueryInterface queryInterface(ConnectionExecutor executor) {
			return new DefaultQueryInterface(this.dialect, executor, null);
		}

		/**
		 * {@code SET LOCAL} the timeouts of a migration that overrides the run's: they end with its transaction.
		 */
		private void setLocalTimeouts(ResolvedMigration migration) throws SQLException {
			if (overridesTimeouts(migration)) {
				Timeouts timeouts = timeouts(migration);
				this.dialect.setTimeouts(this.connection, timeouts.lockTimeout().toMillis(),
						timeouts.statementTimeout().toMillis(), true);
			}
		}

		/** The session timeouts of a non-transactional migration that overrides the run's, restored afterwards. */
		private void withSessionTimeouts(ResolvedMigration migration, MigrationWork work) throws Exception {
			if (!overridesTimeouts(migration)) {
				work.run();
				return;
			}
			Timeouts timeouts = timeouts(migration);
			this.dialect.setTimeouts(this.connection, timeouts.lockTimeout().toMillis(),
					timeouts.statementTimeout().toMillis(), false);
			try {
				work.run();
			}
			finally {
				Timeouts run = Migrator.this.timeouts;
				try {
					this.dialect.setTimeouts(this.connection, run.lockTimeout().toMillis(),
							run.statementTimeout().toMillis(), false);
				}
				catch (SQLException ex) {
					logger.warn("Could not restore the session timeouts; closing the migrations connection", ex);
					abort();
				}
			}
		}

		private boolean overridesTimeouts(ResolvedMigration migration) {
			return migration.lockTimeout() != null || migration.statementTimeout() != null;
		}

		private void restoreAutoCommit() throws SQLException {
			if (this.usable) {
				this.connection.setAutoCommit(true);
			}
		}

		/** Closes the physical connection so that no pool reuses a session in an unknown state. */
		private void abort() {
			this.usable = false;
			SchemaLock.abort(this.connection);
		}

		private void rollback() {
			try {
				this.connection.rollback();
			}
			catch (SQLException ex) {
				logger.warn("Rollback failed; closing the migrations connection", ex);
				abort();
			}
		}

	}




	/**
	 * Builds a {@link Migrator}.
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private final List<ResolvedMigration> migrations = new ArrayList<>();

		private final java.util.Set<String> sources = new java.util.HashSet<>();

		private @Nullable String schema;

		private String table = "schema_migrations";

		private Duration lockTimeout = Duration.ofMinutes(5);

		private Duration connectionCheckInterval = Duration.ofSeconds(2);

		private Validation validation = Validation.defaults();

		private Timeouts timeouts = Timeouts.defaults();

		private RetryPolicy retryPolicy = RetryPolicy.defaults();

		private SafetyMode safetyMode = SafetyMode.FAIL;

		private final List<MigrationListener> listeners = new ArrayList<>();

		private @Nullable String appliedBy;

		private @Nullable String application;

		private Builder(DataSource dataSource) {
			this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		}

		/** Adds migrations, each named by its class in messages (and a number when a class backs several). */
		public Builder migrations(Iterable<? extends Migration> migrations) {
			for (Migration migration : migrations) {
				migration(Runs.sourceName(migration, this.sources::contains), migration);
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
			requireNewSource(source);
			this.migrations.add(ResolvedMigration.of(source, migration));
			return this;
		}

		/**
		 * Adds a migration that is created only when it runs (or {@link Migrator#status()} needs it), named by
		 * {@code source} in messages.
		 */
		public Builder migration(String source, MigrationSupplier migration) {
			requireNewSource(source);
			this.migrations.add(ResolvedMigration.of(source, migration));
			return this;
		}

		private void requireNewSource(String source) {
			if (!this.sources.add(source)) {
				throw new InvalidMigrationException("Two migrations are named '" + source + "'");
			}
		}

		/** The history table's schema; by default the connection's current schema. */
		public Builder schema(@Nullable String schema) {
			this.schema = schema;
			return this;
		}

		/** The history table's name; {@code schema_migrations} by default. */
		public Builder table(String table) {
			if (table == null || table.isBlank()) {
				throw new IllegalArgumentException("migrations.table must not be empty");
			}
			this.table = table;
			return this;
		}

		/** How long a command waits for the schema lock; 5 minutes by default. */
		public Builder lockTimeout(Duration lockTimeout) {
			if (lockTimeout.isNegative()) {
				throw new IllegalArgumentException("migrations.lock.timeout must not be negative, was " + lockTimeout);
			}
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * How often PostgreSQL 14+ checks, during a long statement of a locked run, that this process is still
		 * connected ({@code client_connection_check_interval}); 2 s by default, zero disables it. A session whose
		 * client died then ends within about this interval and releases the migrations lock; without it (or on
		 * older servers) it keeps the lock until the statement ends or reaches its statement timeout.
		 */
		public Builder connectionCheckInterval(Duration connectionCheckInterval) {
			this.connectionCheckInterval = SessionGuard.checkInterval(connectionCheckInterval);
			return this;
		}

		/** The validation policies; {@link Validation#defaults()} by default. */
		public Builder validation(Validation validation) {
			this.validation = Objects.requireNonNull(validation, "validation");
			return this;
		}

		/**
		 * The PostgreSQL lock and statement timeouts of migration statements; {@link Timeouts#defaults()} (5 s and
		 * 1 h) by default. A migration can override them.
		 */
		public Builder timeouts(Timeouts timeouts) {
			this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
			return this;
		}

		/** How migrations that time out waiting for a lock are retried; {@link RetryPolicy#defaults()} by default. */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
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

		/** Adds a listener. */
		public Builder listener(MigrationListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/** The host recorded as having applied migrations; by default this machine's host name. */
		public Builder appliedBy(@Nullable String appliedBy) {
			this.appliedBy = appliedBy;
			return this;
		}

		/** The application recorded as having applied migrations, e.g. {@code spring.application.name}. */
		public Builder application(@Nullable String application) {
			this.application = application;
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
