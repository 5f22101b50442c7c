package dev.migrations.core;

import java.time.Duration;

import javax.sql.DataSource;

import dev.migrations.safety.LockRetries;
import dev.migrations.safety.RetryPolicy;
import dev.migrations.safety.Timeouts;
import org.jspecify.annotations.Nullable;

/**
 * What a runner's {@link Session} and {@link StepRunner} need, the same for migrations and seeders.
 *
 * @param dataSource where connections come from
 * @param schema the history's schema, {@code null} for the connection's current schema
 * @param lockTable the migrations history table whose schema lock every command takes
 * @param lockTimeout how long a command waits for that lock
 * @param connectionCheckInterval PostgreSQL's {@code client_connection_check_interval} while locked, zero for none
 * @param timeouts the session's lock and statement timeouts
 * @param retryPolicy how a step that timed out on a lock is retried: the waits between attempts, and with a fixed
 * lock timeout ({@code lockRetries} {@code null}) the number of attempts
 * @param lockRetries the escalating lock-timeout schedule of every step that does not fix its own lock timeout,
 * {@code null} to use the fixed {@code lock_timeout} of {@code timeouts}
 * @param events the listeners and callbacks
 * @param origin who records history rows
 * @param recordScript whether the history keeps the SQL each step ran (secrets redacted)
 * @param who {@code Migrations} or {@code Seeders}, for messages
 * @param searchPath whether the session's {@code search_path} is set to {@code schema} for the command (a tenant's
 * schema: its migrations create their objects there), and set back before the connection is handed back
 */
record RunConfig(DataSource dataSource, @Nullable String schema, String lockTable, Duration lockTimeout,
		Duration connectionCheckInterval,
		Timeouts timeouts, RetryPolicy retryPolicy, @Nullable LockRetries lockRetries, Events events, HistoryRow.Origin origin, boolean recordScript,
		String who, boolean searchPath) {

	/**
	 * The config of one tenant's run: its own DataSource, its schema (history, lock and {@code search_path}; {@code null}
	 * for the connection's current schema), and the fleet's lock timeout, timeouts and extra listener.
	 */
	RunConfig forTenant(DataSource dataSource, @Nullable String schema, Duration lockTimeout, Timeouts timeouts,
			@Nullable MigrationListener listener) {
		return new RunConfig(dataSource, (schema != null) ? schema : this.schema, this.lockTable, lockTimeout,
				this.connectionCheckInterval, timeouts, this.retryPolicy, this.lockRetries,
				(listener != null) ? this.events.with(listener) : this.events, this.origin, this.recordScript, this.who,
				schema != null);
	}

}
