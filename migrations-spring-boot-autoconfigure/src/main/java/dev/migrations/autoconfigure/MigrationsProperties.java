package dev.migrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.migrations.core.Command;
import dev.migrations.core.Defaults;
import dev.migrations.core.Validation;
import dev.migrations.core.ValidationPolicy;
import dev.migrations.safety.LockRetries;
import dev.migrations.safety.RetryPolicy;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.Timeouts;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for migrations ({@code migrations.*}).
 */
@ConfigurationProperties("migrations")
public class MigrationsProperties {

	/**
	 * Whether to enable migrations.
	 */
	private boolean enabled = true;

	/**
	 * What to do at startup: 'migrate' applies pending migrations, 'validate' fails startup when anything is pending
	 * or failed and applies nothing, 'none' does nothing.
	 */
	private OnStartup onStartup = OnStartup.MIGRATE;

	/**
	 * Command to run instead of the startup action, after which the application exits with 0 on success and non-zero
	 * on failure ('status' exits 2 when anything is pending or failed). The web server never starts. 'seed',
	 * 'seed-undo' and 'seed-undo-all' run or undo seeders.
	 */
	private @Nullable Command command;

	/**
	 * Target id of the command: 'migrate' applies (and 'plan' shows) up to and including it, 'undo' undoes down to and
	 * including it, 'mark-applied' marks pending migrations up to it, 'mark-rolled-back' removes the rows from it on.
	 */
	private @Nullable String to;

	/**
	 * How the command prints its result: 'text', or 'json' (one JSON document on standard output; taken by 'diff').
	 */
	private Output output = Output.TEXT;

	/**
	 * Number of migrations the command applies ('migrate'), shows ('plan') or undoes ('undo').
	 */
	private @Nullable Integer step;

	/**
	 * Name of the history table.
	 */
	private String table = Defaults.TABLE;

	/**
	 * Whether the history keeps the SQL each migration and seeder ran (its script column, shown by the endpoint), with
	 * passwords and other secrets redacted. Turn it off where even redacted SQL must not be stored.
	 */
	private boolean recordScript = true;

	/**
	 * Whether migrate applies all pending migrations in one transaction with one commit (all or nothing), for test and
	 * CI databases. Refused when a pending migration is non-transactional; a failure rolls back every migration of the
	 * group and its history rows.
	 */
	private boolean group;

	/**
	 * Schema of the history table, created when missing. Defaults to the connection's current schema.
	 */
	private @Nullable String schema;

	/**
	 * JDBC URL of the database to migrate, when migrations need their own connection (for example behind PgBouncer in
	 * transaction mode). Defaults to the application's DataSource.
	 */
	private @Nullable String url;

	/**
	 * Login user of the database to migrate. With no 'url', connects to the application's database as this user.
	 */
	private @Nullable String user;

	/**
	 * Login password of the database to migrate.
	 */
	private @Nullable String password;

	/**
	 * Whether 'migrate' on a schema that has tables but no history yet records the migrations up to and including
	 * 'baseline-id' as applied without running them (adopting a database built before this history). On an empty
	 * schema every migration runs.
	 */
	private boolean baselineOnMigrate;

	/**
	 * Id of the newest migration that a database adopted by 'baseline-on-migrate' already has.
	 */
	private @Nullable String baselineId;

	/**
	 * Packages scanned for Migration and Seeder classes, which then need no annotation. Defaults to the application's packages
	 * (those of the @SpringBootApplication class).
	 */
	private List<String> scanPackages = new ArrayList<>();

	private final Lock lock = new Lock();

	private final ValidationProperties validation = new ValidationProperties();

	private final Safety safety = new Safety();

	@NestedConfigurationProperty
	private final SeedersProperties seeders = new SeedersProperties();

	private final Endpoint endpoint = new Endpoint();

	@NestedConfigurationProperty
	private final TenantsProperties tenants = new TenantsProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public OnStartup getOnStartup() {
		return this.onStartup;
	}

	public void setOnStartup(OnStartup onStartup) {
		this.onStartup = onStartup;
	}

	public @Nullable Command getCommand() {
		return this.command;
	}

	public void setCommand(@Nullable Command command) {
		this.command = command;
	}

	public @Nullable String getTo() {
		return this.to;
	}

	public void setTo(@Nullable String to) {
		this.to = to;
	}

	public Output getOutput() {
		return this.output;
	}

	public void setOutput(Output output) {
		this.output = output;
	}

	public @Nullable Integer getStep() {
		return this.step;
	}

	public void setStep(@Nullable Integer step) {
		this.step = step;
	}

	public String getTable() {
		return this.table;
	}

	public boolean isRecordScript() {
		return this.recordScript;
	}

	public void setRecordScript(boolean recordScript) {
		this.recordScript = recordScript;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public boolean isGroup() {
		return this.group;
	}

	public void setGroup(boolean group) {
		this.group = group;
	}

	public @Nullable String getSchema() {
		return this.schema;
	}

	public void setSchema(@Nullable String schema) {
		this.schema = schema;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public boolean isBaselineOnMigrate() {
		return this.baselineOnMigrate;
	}

	public void setBaselineOnMigrate(boolean baselineOnMigrate) {
		this.baselineOnMigrate = baselineOnMigrate;
	}

	public @Nullable String getBaselineId() {
		return this.baselineId;
	}

	public void setBaselineId(@Nullable String baselineId) {
		this.baselineId = baselineId;
	}

	/**
	 * The baseline id when baseline on migrate is on.
	 * @throws IllegalStateException naming the property when it is on without an id
	 */
	@Nullable String baseline() {
		if (!this.baselineOnMigrate) {
			return null;
		}
		if (this.baselineId == null || this.baselineId.isBlank()) {
			throw new IllegalStateException("migrations.baseline-on-migrate=true needs migrations.baseline-id: the id "
					+ "of the newest migration the existing schema already has");
		}
		return this.baselineId.trim();
	}

	public List<String> getScanPackages() {
		return this.scanPackages;
	}

	public void setScanPackages(List<String> scanPackages) {
		this.scanPackages = scanPackages;
	}

	public Lock getLock() {
		return this.lock;
	}

	public ValidationProperties getValidation() {
		return this.validation;
	}

	public Safety getSafety() {
		return this.safety;
	}

	public SeedersProperties getSeeders() {
		return this.seeders;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public TenantsProperties getTenants() {
		return this.tenants;
	}

	/**
	 * How a command prints its result.
	 */
	public enum Output {

		/** Lines for people. */
		TEXT,

		/** One JSON document, for scripts and CI. */
		JSON

	}

	/**
	 * What happens at startup.
	 */
	public enum OnStartup {

		/** Apply pending migrations. */
		MIGRATE,

		/** Fail startup when anything is pending or failed; apply nothing. */
		VALIDATE,

		/** Do nothing. */
		NONE

	}

	/**
	 * The schema lock.
	 */
	public static class Lock {

		/**
		 * How long to wait for the schema lock held by another instance before failing with the holder's details.
		 */
		private Duration timeout = Defaults.LOCK_TIMEOUT;

		/**
		 * How often PostgreSQL 14+ checks, during a statement of a locked run, that the migrating process is still
		 * connected (client_connection_check_interval), so that the session of a killed process ends and releases
		 * the schema lock within seconds. 0 disables the check.
		 */
		private Duration connectionCheckInterval = Duration.ofSeconds(2);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getConnectionCheckInterval() {
			return this.connectionCheckInterval;
		}

		public void setConnectionCheckInterval(Duration connectionCheckInterval) {
			this.connectionCheckInterval = connectionCheckInterval;
		}

	}

	/**
	 * The actuator endpoint ({@code /actuator/migrations}).
	 */
	public static class Endpoint {

		/**
		 * Whether the endpoint offers write operations (POST /actuator/migrations: migrate, undo, mark-applied, ...).
		 * Secure them (for example with Spring Security) before enabling.
		 */
		private boolean writeOperationsEnabled = false;

		/**
		 * Most migrations one POST may apply or undo ('step', and for 'undo' with 'to' the migrations it would undo).
		 * Larger undos are left to the command line.
		 */
		private int maxSteps = 10;

		/**
		 * Whether to offer the write operations in an application without Spring Security (no SecurityFilterChain
		 * bean). Without it such an application fails at startup; set it only when something else protects the
		 * endpoint (a private management port behind a gateway, for example).
		 */
		private boolean allowUnsecuredWrites = false;

		/**
		 * Whether POST /actuator/migrations runs 'diff' (replays every applied migration into a scratch database
		 * and compares schemas: heavy). Needs write-operations-enabled as well.
		 */
		private boolean diffEnabled = false;

		public boolean isWriteOperationsEnabled() {
			return this.writeOperationsEnabled;
		}

		public void setWriteOperationsEnabled(boolean writeOperationsEnabled) {
			this.writeOperationsEnabled = writeOperationsEnabled;
		}

		public int getMaxSteps() {
			return this.maxSteps;
		}

		public void setMaxSteps(int maxSteps) {
			this.maxSteps = maxSteps;
		}

		public boolean isAllowUnsecuredWrites() {
			return this.allowUnsecuredWrites;
		}

		public void setAllowUnsecuredWrites(boolean allowUnsecuredWrites) {
			this.allowUnsecuredWrites = allowUnsecuredWrites;
		}

		public boolean isDiffEnabled() {
			return this.diffEnabled;
		}

		public void setDiffEnabled(boolean diffEnabled) {
			this.diffEnabled = diffEnabled;
		}

	}

	/**
	 * What validation does when the code and the history disagree.
	 */
	public static class ValidationProperties {

		/**
		 * Pending migrations older than the newest applied one (after a branch merge): 'fail' stops before anything
		 * runs; 'warn' and 'ignore' apply them.
		 */
		private ValidationPolicy outOfOrder = Defaults.VALIDATION.outOfOrder();

		/**
		 * Applied migrations that the code no longer has (an older release during a rollback): 'fail' stops.
		 */
		private ValidationPolicy missing = Defaults.VALIDATION.missing();

		/**
		 * Failed or interrupted non-transactional migrations: 'fail' stops until resolved with retry, mark-applied
		 * or mark-rolled-back; 'warn' and 'ignore' leave them and run the rest.
		 */
		private ValidationPolicy failed = Defaults.VALIDATION.failed();

		/**
		 * Applied migrations whose class changed since they ran (their checksum differs): 'fail' stops until the change
		 * is undone or recorded with accept-checksums; 'warn' logs it; 'ignore' does not even compute the checksums
		 * of applied migrations.
		 */
		private ValidationPolicy modified = Defaults.VALIDATION.modified();

		public ValidationPolicy getOutOfOrder() {
			return this.outOfOrder;
		}

		public void setOutOfOrder(ValidationPolicy outOfOrder) {
			this.outOfOrder = outOfOrder;
		}

		public ValidationPolicy getMissing() {
			return this.missing;
		}

		public void setMissing(ValidationPolicy missing) {
			this.missing = missing;
		}

		public ValidationPolicy getFailed() {
			return this.failed;
		}

		public void setFailed(ValidationPolicy failed) {
			this.failed = failed;
		}

		public ValidationPolicy getModified() {
			return this.modified;
		}

		public void setModified(ValidationPolicy modified) {
			this.modified = modified;
		}

		Validation toValidation() {
			return new Validation(this.outOfOrder, this.missing, this.failed, this.modified);
		}

	}

	/**
	 * Running migrations safely on a live database.
	 */
	public static class Safety {

		/**
		 * What the checks run on every pending migration before anything is applied do with a dangerous operation:
		 * 'fail' refuses to run anything, 'warn' logs it, 'off' skips the checks. A migration acknowledges a finding
		 * with @Acknowledge(check, reason).
		 */
		private SafetyMode mode = Defaults.SAFETY_MODE;

		/**
		 * Fixed PostgreSQL lock_timeout of every migration statement, instead of the escalating lock-retries
		 * schedule: how long each attempt may wait for a lock before it fails and the migration is retried (up to
		 * retry.max-attempts). While it waits, every query on the table queues behind it. 0 waits forever. Unset by
		 * default: the lock-retries schedule applies.
		 */
		private @Nullable Duration lockTimeout;

		/**
		 * PostgreSQL statement_timeout of every migration statement. 0 lets statements run as long as they need.
		 */
		private Duration statementTimeout = Defaults.TIMEOUTS.statementTimeout();

		private final Retry retry = new Retry();

		private final LockRetrySchedule lockRetries = new LockRetrySchedule();

		public SafetyMode getMode() {
			return this.mode;
		}

		public void setMode(SafetyMode mode) {
			this.mode = mode;
		}

		public @Nullable Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(@Nullable Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public Duration getStatementTimeout() {
			return this.statementTimeout;
		}

		public void setStatementTimeout(Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public LockRetrySchedule getLockRetries() {
			return this.lockRetries;
		}

		/** The escalating schedule, or {@code null} when a fixed lock-timeout is set. */
		@Nullable LockRetries toLockRetries() {
			return (this.lockTimeout != null) ? null : this.lockRetries.toLockRetries();
		}

		Timeouts toTimeouts() {
			try {
				return new Timeouts((this.lockTimeout != null) ? this.lockTimeout : Defaults.TIMEOUTS.lockTimeout(),
						this.statementTimeout);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Invalid migrations.safety.lock-timeout or statement-timeout: "
						+ ex.getMessage());
			}
		}

		/**
		 * The lock-retry schedule of every migration statement: a short lock_timeout first, longer ones step by step,
		 * so that the queries queued behind a statement waiting for its lock are never held up for long.
		 */
		public static class LockRetrySchedule {

			/**
			 * Attempts in all, the first included, for a migration (or a statement of a non-transactional one) that
			 * times out waiting for a lock.
			 */
			private int attempts = Defaults.LOCK_RETRIES.attempts();

			/**
			 * PostgreSQL lock_timeout of the first attempt.
			 */
			private Duration firstTimeout = Defaults.LOCK_RETRIES.firstTimeout();

			/**
			 * PostgreSQL lock_timeout of the last attempt; the attempts in between grow step by step. The longest any
			 * query on the table is held up behind a migration statement waiting for its lock.
			 */
			private Duration lastTimeout = Defaults.LOCK_RETRIES.lastTimeout();

			/**
			 * How long a migration may keep trying to get its locks, from its first attempt; then it fails, naming the
			 * sessions that block it.
			 */
			private Duration budget = Defaults.LOCK_RETRIES.budget();

			public int getAttempts() {
				return this.attempts;
			}

			public void setAttempts(int attempts) {
				this.attempts = attempts;
			}

			public Duration getFirstTimeout() {
				return this.firstTimeout;
			}

			public void setFirstTimeout(Duration firstTimeout) {
				this.firstTimeout = firstTimeout;
			}

			public Duration getLastTimeout() {
				return this.lastTimeout;
			}

			public void setLastTimeout(Duration lastTimeout) {
				this.lastTimeout = lastTimeout;
			}

			public Duration getBudget() {
				return this.budget;
			}

			public void setBudget(Duration budget) {
				this.budget = budget;
			}

			LockRetries toLockRetries() {
				try {
					return new LockRetries(this.attempts, this.firstTimeout, this.lastTimeout, this.budget);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("Invalid migrations.safety.lock-retries.*: " + ex.getMessage());
				}
			}

		}

		/**
		 * Retries of migrations that time out waiting for a lock: the waits between attempts, and, with a fixed
		 * lock-timeout, the number of attempts.
		 */
		public static class Retry {

			/**
			 * With a fixed lock-timeout: attempts in all, the first included, for a migration (or a statement of a
			 * non-transactional one) that times out waiting for a lock. 1 disables retries. The lock-retries schedule
			 * has its own number of attempts.
			 */
			private int maxAttempts = Defaults.RETRY_POLICY.maxAttempts();

			/**
			 * Longest wait before the second attempt; each later wait may be twice as long, with random jitter.
			 */
			private Duration initialBackoff = Defaults.RETRY_POLICY.initialBackoff();

			/**
			 * Longest wait before any attempt.
			 */
			private Duration maxBackoff = Defaults.RETRY_POLICY.maxBackoff();

			public int getMaxAttempts() {
				return this.maxAttempts;
			}

			public void setMaxAttempts(int maxAttempts) {
				this.maxAttempts = maxAttempts;
			}

			public Duration getInitialBackoff() {
				return this.initialBackoff;
			}

			public void setInitialBackoff(Duration initialBackoff) {
				this.initialBackoff = initialBackoff;
			}

			public Duration getMaxBackoff() {
				return this.maxBackoff;
			}

			public void setMaxBackoff(Duration maxBackoff) {
				this.maxBackoff = maxBackoff;
			}

			RetryPolicy toRetryPolicy() {
				try {
					return new RetryPolicy(this.maxAttempts, this.initialBackoff, this.maxBackoff);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("Invalid migrations.safety.retry.*: " + ex.getMessage());
				}
			}

		}

	}

}
