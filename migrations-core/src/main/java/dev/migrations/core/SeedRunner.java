package dev.migrations.core;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import dev.migrations.dialect.Dialect;
import dev.migrations.schema.DefaultQueryInterface;
import dev.migrations.schema.QueryInterface;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link Seeder seeders} against a {@link DataSource}: plain Java, no Spring Boot needed. <pre>{@code
 * SeedRunner seeds = SeedRunner.builder(dataSource).seeders(List.of(new ReferenceRoles())).build();
 * seeds.seed();
 * }</pre>
 *
 * <p>Every command takes the <em>same</em> schema lock as the {@link Migrator} of the same history table (the lock key
 * is derived from the migrations history table, see {@link Builder#migrationsTable}), so seeding never runs while
 * another instance migrates or seeds. Each seeder runs in its own transaction together with its row in the seed
 * history ({@code schema_seeds}, the same columns as {@code schema_migrations}): it ran if and only if it is recorded.
 */
public final class SeedRunner {

	private static final Log logger = LogFactory.getLog(SeedRunner.class);

	private final DataSource dataSource;

	private final List<ResolvedSeeder> seeders;

	private final Map<String, ResolvedSeeder> byId = new HashMap<>();

	private final @Nullable String schema;

	private final String migrationsTable;

	private final String table;

	private final SeedStorage storage;

	private final Duration lockTimeout;

	private final Duration connectionCheckInterval;

	private final @Nullable String appliedBy;

	private final @Nullable String application;

	private SeedRunner(Builder builder) {
		this.dataSource = builder.dataSource;
		this.seeders = resolve(builder.seeders);
		this.seeders.forEach((s) -> this.byId.put(s.id(), s));
		this.schema = builder.schema;
		this.migrationsTable = builder.migrationsTable;
		this.table = builder.table;
		this.storage = builder.storage;
		this.lockTimeout = builder.lockTimeout;
		this.connectionCheckInterval = builder.connectionCheckInterval;
		this.appliedBy = (builder.appliedBy != null) ? builder.appliedBy : Runs.hostName();
		this.application = builder.application;
	}

	/** A builder for a seed runner on the DataSource. */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/** The ids of the code's seeders, in the order they run. */
	public List<String> seederIds() {
		return this.seeders.stream().map(ResolvedSeeder::id).toList();
	}

	/** Where the runs are recorded. */
	public SeedStorage storage() {
		return this.storage;
	}

	/** The seed history table's name. */
	public String table() {
		return this.table;
	}

	/**
	 * Runs every seeder that has not run on this database yet, and every {@linkplain Seeder#runAlways() run-always}
	 * seeder; with {@link SeedStorage#NONE} every seeder. In id order, each in its own transaction.
	 * @throws MigrationFailedException naming the seeder that threw; the seeders before it stay committed
	 */
	public CommandResult seed() {
		return seed(null);
	}

	/** Runs the one seeder with the id (Sequelize's {@code db:seed --seed}), also when it ran before. */
	public CommandResult seed(@Nullable String id) {
		ResolvedSeeder only = (id != null) ? require(id) : null;
		return run(Command.SEED, (run) -> {
			if (only == null && this.storage == SeedStorage.TABLE && this.seeders.stream().noneMatch(ResolvedSeeder::runAlways)) {
				// Fast path, no lock: a restart with nothing to seed costs one read.
				Map<String, HistoryRow> unlocked = run.rows();
				if (this.seeders.stream().allMatch((s) -> unlocked.containsKey(s.id()))) {
					return run.result(List.of(), null);
				}
			}
			run.lock();
			Map<String, HistoryRow> rows = run.rows();
			List<ResolvedSeeder> selected = new ArrayList<>();
			for (ResolvedSeeder seeder : this.seeders) {
				if ((only != null) ? seeder == only
						: (this.storage == SeedStorage.NONE || seeder.runAlways() || !rows.containsKey(seeder.id()))) {
					selected.add(seeder);
				}
			}
			int batch = rows.values().stream().mapToInt(HistoryRow::batch).max().orElse(0) + 1;
			List<String> ran = new ArrayList<>();
			for (ResolvedSeeder seeder : selected) {
				run.seed(seeder, batch, rows.containsKey(seeder.id()));
				ran.add(seeder.id());
			}
			if (!ran.isEmpty()) {
				logger.info("Ran " + ran.size() + " seeder(s)" + ((this.storage == SeedStorage.TABLE)
						? " as batch " + batch + ", recorded in " + run.history.qualifiedTable() : ""));
			}
			return run.result(ran, (ran.isEmpty() || this.storage == SeedStorage.NONE) ? null : batch);
		});
	}

	/**
	 * Undoes the seeder with the newest id among those that ran; with {@link SeedStorage#NONE}, the seeder with the
	 * newest id.
	 */
	public CommandResult undo() {
		return undo(Command.SEED_UNDO, (rows) -> {
			List<String> ran = newestFirst(rows);
			return ran.isEmpty() ? List.of() : List.of(ran.get(0));
		});
	}

	/** Undoes the seeder with the id (Sequelize's {@code db:seed:undo --seed}). */
	public CommandResult undo(String id) {
		require(id);
		return undo(Command.SEED_UNDO, (rows) -> {
			if (rows != null && !rows.containsKey(id)) {
				throw new MigrationException("Seeder " + id + " has not run on this database, so there is nothing to undo");
			}
			return List.of(id);
		});
	}

	/** Undoes every seeder that ran, newest first; with {@link SeedStorage#NONE}, every seeder, newest id first. */
	public CommandResult undoAll() {
		return undo(Command.SEED_UNDO_ALL, this::newestFirst);
	}

	/** Every seeder in the code or the seed history, in id order, with whether and when it ran; changes nothing. */
	public SeedReport status() {
		return connect((run) -> {
			Map<String, HistoryRow> rows = run.rows(true);
			Map<String, SeedStatus> statuses = new LinkedHashMap<>();
			for (ResolvedSeeder seeder : this.seeders) {
				HistoryRow row = rows.get(seeder.id());
				statuses.put(seeder.id(), new SeedStatus(seeder.id(), seeder.description(),
						(row != null) ? SeedStatus.State.RAN : SeedStatus.State.PENDING, seeder.runAlways(),
						(row != null) ? row.batch() : null, (row != null) ? row.finishedAt() : null,
						(row != null) ? row.appliedBy() : null));
			}
			for (HistoryRow row : rows.values()) {
				statuses.putIfAbsent(row.id(), new SeedStatus(row.id(), row.description(), SeedStatus.State.MISSING,
						false, row.batch(), row.finishedAt(), row.appliedBy()));
			}
			List<SeedStatus> sorted = new ArrayList<>(statuses.values());
			sorted.sort(Comparator.comparing(SeedStatus::id));
			return new SeedReport(run.history.schema(), this.table, this.storage, sorted);
		});
	}

	/**
	 * The ids that ran, newest id first (not by batch: a run-always seeder is recorded again by every seed, and would
	 * otherwise always be "the last"). With storage none, every seeder, newest id first.
	 */
	private List<String> newestFirst(@Nullable Map<String, HistoryRow> rows) {
		if (rows == null) {
			return this.seeders.stream().map(ResolvedSeeder::id).sorted(Comparator.reverseOrder()).toList();
		}
		return rows.keySet().stream().sorted(Comparator.reverseOrder()).toList();
	}

	private CommandResult undo(Command command, java.util.function.Function<@Nullable Map<String, HistoryRow>, List<String>> selection) {
		return run(command, (run) -> {
			run.lock();
			Map<String, HistoryRow> rows = (this.storage == SeedStorage.TABLE) ? run.rows() : null;
			List<ResolvedSeeder> targets = new ArrayList<>();
			for (String id : selection.apply(rows)) {
				ResolvedSeeder seeder = this.byId.get(id);
				if (seeder == null) {
					throw new MigrationException("Cannot undo seeder " + id + ": it ran but is no longer in the code, so "
							+ "its undo method is unknown; nothing was undone. Delete its row from "
							+ run.history.qualifiedTable() + " if you removed its data by hand.");
				}
				if (!seeder.reversible()) {
					throw new MigrationException("Seeder " + seeder.describe() + " cannot be undone: it has no undo "
							+ "method; nothing was undone.");
				}
				targets.add(seeder);
			}
			for (ResolvedSeeder seeder : targets) {
				run.undo(seeder);
			}
			return run.result(targets.stream().map(ResolvedSeeder::id).toList(), null);
		});
	}

	private ResolvedSeeder require(String id) {
		ResolvedSeeder seeder = this.byId.get(Objects.requireNonNull(id, "id"));
		if (seeder == null) {
			throw new MigrationException("migrations.seeders.id names " + id + ", which is not a seeder in the code; "
					+ "known seeders: " + (this.seeders.isEmpty() ? "(none)" : String.join(", ", seederIds())));
		}
		return seeder;
	}

	private CommandResult run(Command command, Work<CommandResult> work) {
		long start = System.nanoTime();
		return connect((run) -> {
			run.command = command;
			run.start = start;
			return work.run(run);
		});
	}

	private <T> T connect(Work<T> work) {
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new MigrationException("Seeders could not connect to the database: " + ex.getMessage(), ex);
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
			throw new MigrationException("Seeders could not use the database: " + ex.getMessage(), ex);
		}
		finally {
			Runs.close(connection, run == null || run.usable);
		}
	}

	private static List<ResolvedSeeder> resolve(Map<String, Seeder> seeders) {
		List<ResolvedSeeder> resolved = new ArrayList<>();
		Map<String, ResolvedSeeder> byId = new HashMap<>();
		Map<String, ResolvedSeeder> byVersion = new HashMap<>();
		seeders.forEach((source, seeder) -> {
			String id = seeder.id();
			if (id == null) {
				throw new InvalidMigrationException("Seeder " + source + " returned a null id");
			}
			String description;
			try {
				description = MigrationIds.describe(id, source);
			}
			catch (InvalidMigrationException ex) {
				throw new InvalidMigrationException(ex.getMessage().replaceFirst("^Migration ", "Seeder "));
			}
			ResolvedSeeder info = new ResolvedSeeder(source, seeder, id, description, seeder.runAlways(),
					overridesUndo(seeder));
			ResolvedSeeder sameId = byId.putIfAbsent(id, info);
			if (sameId != null) {
				throw new InvalidMigrationException("Duplicate seeder id " + id + ": '" + sameId.source() + "' and '"
						+ source + "' both declare it; give one of them a new timestamp");
			}
			ResolvedSeeder sameVersion = byVersion.putIfAbsent(MigrationIds.version(id), info);
			if (sameVersion != null) {
				throw new InvalidMigrationException("Seeders " + sameVersion.describe() + " and " + info.describe()
						+ " share the timestamp " + MigrationIds.version(id)
						+ ", so their order is ambiguous; give one of them a new timestamp");
			}
			resolved.add(info);
		});
		resolved.sort(Comparator.comparing(ResolvedSeeder::id));
		return List.copyOf(resolved);
	}

	private static boolean overridesUndo(Seeder seeder) {
		try {
			Method undo = MigrationIds.userClass(seeder.getClass()).getMethod("undo", QueryInterface.class);
			return undo.getDeclaringClass() != Seeder.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}





	@FunctionalInterface
	private interface Work<T> {

		T run(Run run) throws SQLException;

	}

	/** A seeder with its checked id and the facts read from it once. */
	private record ResolvedSeeder(String source, Seeder seeder, String id, String description, boolean runAlways,
			boolean reversible) {

		String describe() {
			return this.id + " (" + this.source + ")";
		}

	}

	/** One command's connection, seed history and lock. */
	private final class Run {

		private final Connection connection;

		private final Dialect dialect;

		private final HistoryStore history;

		private final SchemaLock lock;

		private boolean locked;

		/** The session checked and watched by {@link #lock()}, whose settings {@link #unlock()} restores. */
		private @Nullable SessionGuard session;

		/** {@code false} once the physical connection was aborted. */
		private boolean usable = true;

		private Command command = Command.SEED;

		private long start;

		Run(Connection connection) throws SQLException {
			this.connection = connection;
			this.dialect = Dialect.of(connection);
			String schema = (SeedRunner.this.schema != null) ? SeedRunner.this.schema : this.dialect.currentSchema(connection);
			this.history = new HistoryStore(this.dialect, schema, SeedRunner.this.table);
			// The migrations' lock: keyed by the migrations history table, so migrate and seed never overlap.
			this.lock = new SchemaLock(this.dialect, schema, SeedRunner.this.migrationsTable, SeedRunner.this.lockTimeout);
		}

		/** The seed history by id, as seeding needs it; empty with storage none or before the table exists. */
		Map<String, HistoryRow> rows() throws SQLException {
			return rows(false);
		}

		/** The seed history by id with every column, for status. */
		Map<String, HistoryRow> rows(boolean full) throws SQLException {
			Map<String, HistoryRow> rows = new LinkedHashMap<>();
			if (SeedRunner.this.storage == SeedStorage.TABLE) {
				(full ? this.history.readAll(this.connection) : this.history.readStates(this.connection))
					.forEach((row) -> rows.put(row.id(), row));
			}
			return rows;
		}

		void lock() throws SQLException {
			this.session = SessionGuard.open(this.dialect, this.connection, SeedRunner.this.connectionCheckInterval);
			this.lock.acquire(this.connection);
			this.locked = true;
			if (SeedRunner.this.storage == SeedStorage.TABLE) {
				this.history.createIfMissing(this.connection);
			}
		}

		void unlock() {
			SessionGuard session = this.session;
			this.session = null;
			if (session != null && this.usable && !session.close(this.connection)) {
				this.usable = false;
				SchemaLock.abort(this.connection);
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

		void seed(ResolvedSeeder seeder, int batch, boolean recorded) throws SQLException {
			SeedExecutor executor = new SeedExecutor(this.connection, seeder.id());
			OffsetDateTime started = Runs.now();
			long start = System.nanoTime();
			inTransaction(() -> {
				seeder.seeder().run(new DefaultQueryInterface(this.dialect, executor, null));
				if (SeedRunner.this.storage == SeedStorage.TABLE) {
					if (recorded) {
						this.history.delete(this.connection, seeder.id());
					}
					this.history.insert(this.connection, new HistoryRow(seeder.id(), seeder.description(),
							HistoryRow.State.APPLIED, batch, null, true, started, Runs.now(), Runs.millis(start),
							SeedRunner.this.appliedBy, SeedRunner.this.application, null, executor.script(), null));
				}
			}, (cause) -> "Seeder " + seeder.describe() + " failed and was rolled back: nothing it inserted was kept"
					+ ((SeedRunner.this.storage == SeedStorage.TABLE) ? " and it is not recorded as run" : "")
					+ ". Seeders before it in this run stay committed. Cause: " + cause, seeder.id());
			logger.info("Ran seeder " + seeder.id() + " in " + Runs.millis(start) + " ms");
		}

		void undo(ResolvedSeeder seeder) throws SQLException {
			SeedExecutor executor = new SeedExecutor(this.connection, seeder.id());
			long start = System.nanoTime();
			inTransaction(() -> {
				seeder.seeder().undo(new DefaultQueryInterface(this.dialect, executor, null));
				if (SeedRunner.this.storage == SeedStorage.TABLE) {
					this.history.delete(this.connection, seeder.id());
				}
			}, (cause) -> "Undoing seeder " + seeder.describe() + " failed and was rolled back: its data and its row are "
					+ "as they were. Cause: " + cause, seeder.id());
			logger.info("Undid seeder " + seeder.id() + " in " + Runs.millis(start) + " ms");
		}

		private void inTransaction(Body body, java.util.function.Function<String, String> message, String id)
				throws SQLException {
			this.connection.setAutoCommit(false);
			try {
				body.run();
				this.connection.commit();
			}
			catch (Exception | Error ex) {
				// Errors too: returning to auto-commit would commit what the seeder did so far.
				try {
					this.connection.rollback();
				}
				catch (SQLException rollback) {
					logger.warn("Rollback failed; closing the seeders connection", rollback);
					this.usable = false;
					SchemaLock.abort(this.connection);
				}
				Runs.rethrowFatal(ex);
				throw new MigrationFailedException(id, message.apply(Runs.rootMessage(ex)), ex);
			}
			finally {
				if (this.usable) {
					this.connection.setAutoCommit(true);
				}
			}
		}

	}

	@FunctionalInterface
	private interface Body {

		void run() throws Exception;

	}

	/**
	 * Builds a {@link SeedRunner}.
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private final Map<String, Seeder> seeders = new LinkedHashMap<>();

		private @Nullable String schema;

		private String migrationsTable = "schema_migrations";

		private String table = "schema_seeds";

		private SeedStorage storage = SeedStorage.TABLE;

		private Duration lockTimeout = Duration.ofMinutes(5);

		private Duration connectionCheckInterval = Duration.ofSeconds(2);

		private @Nullable String appliedBy;

		private @Nullable String application;

		private Builder(DataSource dataSource) {
			this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		}

		/** Adds seeders, each named by its class in messages. */
		public Builder seeders(Iterable<? extends Seeder> seeders) {
			for (Seeder seeder : seeders) {
				seeder(Runs.sourceName(seeder, this.seeders::containsKey), seeder);
			}
			return this;
		}

		/** Adds seeders named by where they come from, e.g. Spring bean names. */
		public Builder seeders(Map<String, ? extends Seeder> seeders) {
			seeders.forEach(this::seeder);
			return this;
		}

		/** Adds one seeder, named by {@code source} in messages. */
		public Builder seeder(String source, Seeder seeder) {
			if (this.seeders.putIfAbsent(source, Objects.requireNonNull(seeder, "seeder")) != null) {
				throw new InvalidMigrationException("Two seeders are named '" + source + "'");
			}
			return this;
		}

		/** The schema of the seed history table and of the migrations lock; by default the connection's current schema. */
		public Builder schema(@Nullable String schema) {
			this.schema = schema;
			return this;
		}

		/**
		 * The migrations history table ({@code schema_migrations} by default) whose schema lock the seeders take: use
		 * the same value as the {@link Migrator}'s {@code table}, so migrating and seeding never run at once.
		 */
		public Builder migrationsTable(String migrationsTable) {
			this.migrationsTable = requireName(migrationsTable, "migrations.table");
			return this;
		}

		/** The seed history table's name; {@code schema_seeds} by default. */
		public Builder table(String table) {
			this.table = requireName(table, "migrations.seeders.table");
			return this;
		}

		/** Where runs are recorded; {@link SeedStorage#TABLE} by default. */
		public Builder storage(SeedStorage storage) {
			this.storage = Objects.requireNonNull(storage, "storage");
			return this;
		}

		/**
		 * How often PostgreSQL 14+ checks, during a statement of a locked run, that this process is still connected
		 * ({@code client_connection_check_interval}); 2 s by default, zero disables it. See
		 * {@link Migrator.Builder#connectionCheckInterval(Duration)}.
		 */
		public Builder connectionCheckInterval(Duration connectionCheckInterval) {
			this.connectionCheckInterval = SessionGuard.checkInterval(connectionCheckInterval);
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

		/** The host recorded as having run seeders; by default this machine's host name. */
		public Builder appliedBy(@Nullable String appliedBy) {
			this.appliedBy = appliedBy;
			return this;
		}

		/** The application recorded as having run seeders, e.g. {@code spring.application.name}. */
		public Builder application(@Nullable String application) {
			this.application = application;
			return this;
		}

		/**
		 * Checks the seeders and builds the runner; touches no database.
		 * @throws InvalidMigrationException naming a malformed or duplicate id
		 */
		public SeedRunner build() {
			return new SeedRunner(this);
		}

		private static String requireName(String name, String property) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException(property + " must not be empty");
			}
			return name;
		}

	}

}
