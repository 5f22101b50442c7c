package dev.migrations.core;

import java.time.Duration;

import dev.migrations.safety.LockRetries;
import dev.migrations.safety.RetryPolicy;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.Timeouts;

/**
 * The defaults of the engine, in one place: the {@link Migrator} and {@link SeedRunner} builders start from them, and
 * the Spring Boot properties ({@code migrations.*}) take their defaults from them.
 */
public final class Defaults {

	/** The migrations history table, {@code schema_migrations}. */
	public static final String TABLE = "schema_migrations";

	/** The seed history table, {@code schema_seeds}. */
	public static final String SEED_TABLE = "schema_seeds";

	/** Where seed runs are recorded: in {@link #SEED_TABLE}. */
	public static final SeedStorage SEED_STORAGE = SeedStorage.TABLE;

	/** How long a command waits for the schema lock: 5 minutes. */
	public static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);

	/** How often PostgreSQL 14+ checks that a locked run's client is still there. */
	public static final Duration CONNECTION_CHECK_INTERVAL = Duration.ofSeconds(2);

	/** The {@code lock_timeout} and {@code statement_timeout} of every step: 5 seconds and 1 hour. */
	public static final Timeouts TIMEOUTS = Timeouts.defaults();

	/**
	 * How a step that timed out on a lock is retried: waits backing off from 1 second to 30 seconds, and, with a fixed
	 * lock timeout, 5 attempts.
	 */
	public static final RetryPolicy RETRY_POLICY = RetryPolicy.defaults();

	/**
	 * The lock-retry schedule of every statement: 50 attempts with lock timeouts from 100 ms to 400 ms, within 10
	 * minutes.
	 */
	public static final LockRetries LOCK_RETRIES = LockRetries.defaults();

	/** What the safety checks do with a dangerous operation: refuse to run. */
	public static final SafetyMode SAFETY_MODE = SafetyMode.FAIL;

	/** The validation policies: out of order fails, missing warns, failed fails. */
	public static final Validation VALIDATION = Validation.defaults();

	private Defaults() {
	}

}
