package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.migrations.dialect.Dialect;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The server session a locked run works in: checked to be one real session before the lock is taken, watched for a
 * dead client during the run, and handed back with every setting as it found it.
 *
 * <ul>
 * <li>{@link #open} refuses a connection through a transaction-mode pooler (PgBouncer {@code pool_mode=transaction}),
 * where the session advisory lock and session settings do not hold from one transaction to the next.
 * <li>It sets {@code client_connection_check_interval} (PostgreSQL 14+), so that a session whose client died (a
 * {@code kill -9} during a long statement) ends, and releases the lock, within seconds instead of at the end of the
 * statement.
 * <li>{@link #close} sets back every session setting that changed during the run (the run's timeouts, the check
 * interval, and whatever a migration {@code SET}), so a pool never hands out a connection with them.
 * </ul>
 */
final class SessionGuard {

	private static final Log logger = LogFactory.getLog(SessionGuard.class);

	private static final AtomicBoolean checkIntervalUnavailableLogged = new AtomicBoolean();

	private final Dialect dialect;

	private final Map<String, String> settings;

	private SessionGuard(Dialect dialect, Map<String, String> settings) {
		this.dialect = dialect;
		this.settings = settings;
	}

	/** Validates a connection check interval from a builder. */
	static Duration checkInterval(Duration interval) {
		if (interval == null || interval.isNegative()) {
			throw new IllegalArgumentException(
					"migrations.lock.connection-check-interval must be zero (off) or positive, was " + interval);
		}
		return interval;
	}

	/**
	 * Checks the auto-commit connection's session, remembers its settings, then sets the connection check interval;
	 * call it before the lock is taken and before the run changes any setting.
	 * @param checkInterval how often the server checks that the client is still there; zero disables it
	 * @throws MigrationException when the connection goes through a connection pooler; nothing was changed then
	 */
	static SessionGuard open(Dialect dialect, Connection connection, Duration checkInterval) throws SQLException {
		requireOwnSession(dialect, connection);
		SessionGuard guard = new SessionGuard(dialect, dialect.sessionSettings(connection));
		if (!checkInterval.isZero() && !dialect.setConnectionCheckInterval(connection, checkInterval.toMillis())
				&& checkIntervalUnavailableLogged.compareAndSet(false, true)) {
			logger.info("This database server (" + dialect.name() + ") cannot check for a dead client during a statement "
					+ "(client_connection_check_interval needs PostgreSQL 14 or later): if this process dies during a "
					+ "long statement, its session keeps the migrations lock until the statement ends or reaches "
					+ "statement_timeout");
		}
		return guard;
	}

	/**
	 * Refuses a connection whose server session does not last as long as the connection. With PgJDBC a pooler is
	 * recognised for sure: it announces a session id of its own. Otherwise two transactions must see the same
	 * session and a session setting made by the first.
	 */
	static void requireOwnSession(Dialect dialect, Connection connection) throws SQLException {
		long session = dialect.sessionId(connection);
		OptionalLong announced = dialect.announcedSessionId(connection);
		if (announced.isPresent()) {
			if (announced.getAsLong() != session) {
				throw refusal("the connection was opened with session id " + announced.getAsLong()
						+ " but " + dialect.name() + " runs it in server session " + session);
			}
			return;
		}
		if (!dialect.sessionPersists(connection)) {
			throw refusal("two transactions on the same connection ran in different server sessions");
		}
	}

	private static MigrationException refusal(String evidence) {
		return new MigrationException("Migrations refuse to run through a connection pooler: " + evidence
				+ ", so a pooler or proxy sits between the application and PostgreSQL, and a transaction-mode pooler "
				+ "(e.g. PgBouncer pool_mode=transaction) runs each transaction on whichever server connection is free. "
				+ "Advisory locks and session settings do not work through it: two instances could migrate at once, "
				+ "and the migrations lock and lock_timeout/statement_timeout would stay on a pooled server connection "
				+ "that other clients then use. Give migrations a direct connection to PostgreSQL: set migrations.url "
				+ "(with migrations.user and migrations.password) to the database server's address instead of the "
				+ "pooler's. Nothing was run.");
	}

	/**
	 * Sets back every session setting that changed since {@link #open}.
	 * @return {@code false} when that failed: the caller must then close the physical connection, not pool it
	 */
	boolean close(Connection connection) {
		try {
			this.dialect.restoreSessionSettings(connection, this.settings);
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Could not restore the session settings of the migrations connection; closing it", ex);
			return false;
		}
	}

}
