package dev.migrations.autoconfigure;

import dev.migrations.core.LockTimeoutException;
import dev.migrations.dialect.LockHolder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The schema lock was not free in time: names the session holding it and {@code migrations.lock.timeout}.
 */
class LockTimeoutFailureAnalyzer extends AbstractFailureAnalyzer<LockTimeoutException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LockTimeoutException cause) {
		LockHolder holder = cause.getHolder();
		String who = (holder != null) ? "the session holding it (" + holder.describe() + ")"
				: "the session holding it (PostgreSQL: see pg_locks and pg_stat_activity; MariaDB and MySQL: "
						+ "IS_USED_LOCK and information_schema.PROCESSLIST)";
		String id = (holder != null) ? String.valueOf(holder.pid()) : "<pid>";
		return new FailureAnalysis("The migrations could not take the schema lock: " + cause.getMessage(),
				"Another instance is migrating the same database. Wait for it and start again, raise "
						+ "migrations.lock.timeout to wait longer, or, if " + who + " is stuck, end it with "
						+ "SELECT pg_terminate_backend(" + id + ") on PostgreSQL or KILL " + id + " on MariaDB and MySQL.",
				cause);
	}

}
