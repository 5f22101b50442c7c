package dev.migrations.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import dev.migrations.safety.LockRetries;
import dev.migrations.safety.RetryPolicy;
import dev.migrations.safety.Timeouts;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Migrator.Builder} and {@link SeedRunner.Builder} both set: the session (schema, lock timeout, statement
 * timeouts, retries), who is told (listeners, callbacks) and who is recorded. Starts from the {@link Defaults}.
 *
 * @param <B> the builder
 */
public abstract class RunnerBuilder<B extends RunnerBuilder<B>> {

	private final DataSource dataSource;

	private @Nullable String schema;

	private Duration lockTimeout = Defaults.LOCK_TIMEOUT;

	private Duration connectionCheckInterval = Defaults.CONNECTION_CHECK_INTERVAL;

	private Timeouts timeouts = Defaults.TIMEOUTS;

	private RetryPolicy retryPolicy = Defaults.RETRY_POLICY;

	private @Nullable LockRetries lockRetries = Defaults.LOCK_RETRIES;

	/** Whether {@link #lockRetries} was called: the schedule is then what it set, whatever {@link #timeouts} says. */
	private boolean lockRetriesSet;

	/** Whether {@link #timeouts} was called: without {@link #lockRetries}, its lock timeout is then fixed. */
	private boolean timeoutsSet;

	private final List<MigrationListener> listeners = new ArrayList<>();

	private final List<MigrationCallback> callbacks = new ArrayList<>();

	private @Nullable String appliedBy;

	private @Nullable String application;

	private boolean recordScript = true;

	private final java.util.Set<String> sources = new java.util.HashSet<>();

	private String table;

	private final String tableProperty;

	RunnerBuilder(DataSource dataSource, String table, String tableProperty) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.table = table;
		this.tableProperty = tableProperty;
	}

	/**
	 * The history table's name: {@code schema_migrations} for migrations, {@code schema_seeds} for seeders by default.
	 */
	public B table(String table) {
		this.table = requireName(table, this.tableProperty);
		return self();
	}

	String table() {
		return this.table;
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * The schema of the history table and of the schema lock; by default the connection's current schema.
	 */
	public B schema(@Nullable String schema) {
		this.schema = schema;
		return self();
	}

	/** How long a command waits for the schema lock; 5 minutes by default. */
	public B lockTimeout(Duration lockTimeout) {
		if (lockTimeout.isNegative()) {
			throw new IllegalArgumentException("migrations.lock.timeout must not be negative, was " + lockTimeout);
		}
		this.lockTimeout = lockTimeout;
		return self();
	}

	/**
	 * How often PostgreSQL 14+ checks, during a long statement of a locked run, that this process is still connected
	 * ({@code client_connection_check_interval}); 2 s by default, zero disables it. A session whose client died then
	 * ends within about this interval and releases the schema lock; without it (or on older servers) it keeps the
	 * lock until the statement ends or reaches its statement timeout.
	 */
	public B connectionCheckInterval(Duration connectionCheckInterval) {
		this.connectionCheckInterval = SessionGuard.checkInterval(connectionCheckInterval);
		return self();
	}

	/**
	 * The PostgreSQL lock and statement timeouts of the statements of migrations and seeders;
	 * {@link Timeouts#defaults()} (5 s and 1 h) by default. A migration can override them. Unless
	 * {@link #lockRetries(LockRetries)} is called too, calling this fixes the lock timeout of every attempt (the
	 * escalating schedule is off), as setting {@code migrations.safety.lock-timeout} does; by default the lock timeout
	 * only applies to the run's own bookkeeping statements.
	 */
	public B timeouts(Timeouts timeouts) {
		this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
		this.timeoutsSet = true;
		return self();
	}

	/** How steps that time out waiting for a lock are retried; {@link RetryPolicy#defaults()} by default. */
	public B retryPolicy(RetryPolicy retryPolicy) {
		this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
		return self();
	}

	/**
	 * The escalating lock-timeout schedule of every statement: short lock timeouts first, longer ones step by step,
	 * within a number of attempts and a time budget; {@link LockRetries#defaults()} by default. {@code null} turns it
	 * off: every attempt then waits the {@link #timeouts(Timeouts) lock timeout}, up to the
	 * {@link #retryPolicy(RetryPolicy) retry policy}'s attempts. A migration that sets its own lock timeout keeps it.
	 * Once called, this decides whatever {@link #timeouts(Timeouts)} says.
	 */
	public B lockRetries(@Nullable LockRetries lockRetries) {
		this.lockRetries = lockRetries;
		this.lockRetriesSet = true;
		return self();
	}

	/**
	 * Adds a listener: it hears the commands, the lock, and each migration or seeder as a step (its
	 * {@link MigrationStep#kind() kind} tells them apart).
	 */
	public B listener(MigrationListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
		return self();
	}

	/**
	 * Adds a callback that runs SQL of its own with the run's connection: before and after each command under the
	 * lock, before and after each step inside its transaction, and on failure.
	 */
	public B callback(MigrationCallback callback) {
		this.callbacks.add(Objects.requireNonNull(callback, "callback"));
		return self();
	}

	/** The host recorded in the history; by default this machine's host name. */
	public B appliedBy(@Nullable String appliedBy) {
		this.appliedBy = appliedBy;
		return self();
	}

	/** The application recorded in the history, e.g. {@code spring.application.name}. */
	public B application(@Nullable String application) {
		this.application = application;
		return self();
	}

	Timeouts timeouts() {
		return this.timeouts;
	}

	/**
	 * Whether the history keeps the SQL each migration and seeder ran in its {@code script} column, secrets
	 * redacted; {@code true} by default. Turn it off where even redacted SQL must not be stored.
	 */
	public B recordScript(boolean recordScript) {
		this.recordScript = recordScript;
		return self();
	}

	/** The run's config, locking on the migrations history table. */
	RunConfig config(String lockTable, String who) {
		return new RunConfig(this.dataSource, this.schema, lockTable, this.lockTimeout,
				this.connectionCheckInterval, this.timeouts,
				this.retryPolicy, (this.lockRetriesSet || !this.timeoutsSet) ? this.lockRetries : null, new Events(this.listeners, this.callbacks),
				new HistoryRow.Origin((this.appliedBy != null) ? this.appliedBy : Runs.hostName(), this.application),
				this.recordScript, who, false);
	}

	/** The name an instance added without one goes by in messages: its class, numbered when the class backs several. */
	String nameOf(Object instance) {
		return Runs.sourceName(instance, this.sources::contains);
	}

	/**
	 * Claims the name of a migration or seeder.
	 * @throws InvalidMigrationException when another one has the name already
	 */
	String claim(String source, String nouns) {
		if (!this.sources.add(source)) {
			throw new InvalidMigrationException("Two " + nouns + " are named '" + source + "'");
		}
		return source;
	}

	static String requireName(@Nullable String name, String property) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException(property + " must not be empty");
		}
		return name;
	}

}
