package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import dev.migrations.dialect.Dialect;
import dev.migrations.dialect.LockHolder;
import dev.migrations.safety.Timeouts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One command's connection, for migrations and seeders alike: auto-commit on between steps, the schema lock and the
 * session timeouts while it is locked, and the connection handed back to the pool as it came, or aborted when its
 * state is unknown (a failed rollback, unlock or timeout reset), so that no pool reuses a session that may still
 * hold the lock or a transaction.
 */
final class Session {

	private static final Log logger = LogFactory.getLog(Session.class);

	private final Connection connection;

	private final Dialect dialect;

	private final String schema;

	private final SchemaLock lock;

	private final RunConfig config;

	private boolean locked;

	/** The session checked and watched while locked, whose settings {@link #unlock()} restores. */
	private @Nullable SessionGuard guard;

	/**
	 * The session-level timeouts the run set last, {@code null} when unknown: none set yet, or something ran since
	 * that may have changed them (a rolled-back transaction, a statement not proven harmless, a callback).
	 */
	private @Nullable Timeouts sessionTimeouts;

	/** Whether timeouts set for a transaction stay after it (no {@code SET LOCAL}) and must be set back. */
	private boolean localTimeoutsOutlive;

	/** {@code false} once the physical connection was aborted. */
	private boolean usable = true;

	/** Whether a group transaction is open: the steps run in it and neither commit nor roll back themselves. */
	private boolean grouped;

	/** One template on the connection for every step and dry run of the command. */
	private @Nullable JdbcTemplate jdbcTemplate;

	private Session(Connection connection, RunConfig config) throws SQLException {
		this.connection = connection;
		this.config = config;
		this.dialect = Dialect.of(connection);
		this.schema = (config.schema() != null) ? config.schema() : this.dialect.currentSchema(connection);
		this.lock = new SchemaLock(this.dialect, this.schema, config.lockTable(), config.lockTimeout());
	}

	/**
	 * Runs work on a connection of the config's DataSource, unlocked until the work {@linkplain #lock() locks} it, and
	 * hands the connection back as it came.
	 */
	static <T> T open(RunConfig config, Work<T> work) {
		Connection connection;
		try {
			connection = config.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw new MigrationException(config.who() + " could not connect to the database: " + ex.getMessage(), ex);
		}
		Session session = null;
		try {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			session = new Session(connection, config);
			// A tenant's schema is the session's search_path for the command, so that its migrations create their
			// objects there; set back below, before the pool hands the connection to anyone else.
			String searchPath = config.searchPath() ? session.dialect.searchPath(connection) : null;
			try {
				if (searchPath != null) {
					session.dialect.setSearchPath(connection, session.dialect.quote(session.schema));
				}
				return work.run(session);
			}
			finally {
				session.unlock();
				if (searchPath != null && session.usable) {
					session.restoreSearchPath(searchPath);
				}
				if (session.usable) {
					connection.setAutoCommit(autoCommit);
				}
			}
		}
		catch (SQLException ex) {
			throw unusable(config, ex);
		}
		finally {
			Runs.close(connection, session == null || session.usable);
		}
	}

	private void restoreSearchPath(String searchPath) {
		try {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
			this.dialect.setSearchPath(this.connection, searchPath);
		}
		catch (SQLException ex) {
			logger.warn("Could not set back the search_path of the migrations connection; closing it", ex);
			abort();
		}
	}

	/** The failure of a command whose connection failed outside any step. */
	static MigrationException unusable(RunConfig config, SQLException ex) {
		return new MigrationException(config.who() + " could not use the database: " + ex.getMessage(), ex);
	}

	Connection connection() {
		return this.connection;
	}

	Dialect dialect() {
		return this.dialect;
	}

	/** The schema of the histories and of the lock: the configured one, or the connection's current schema. */
	String schema() {
		return this.schema;
	}

	JdbcTemplate jdbcTemplate() {
		if (this.jdbcTemplate == null) {
			this.jdbcTemplate = ConnectionExecutor.on(this.connection);
		}
		return this.jdbcTemplate;
	}

	/** Whether the steps keep the SQL they ran in the history's {@code script} column. */
	boolean recordsScript() {
		return this.config.recordScript();
	}

	/**
	 * Takes the schema lock unless the session holds it already, and sets the run's timeouts once for the session,
	 * not per step (a round trip each); both end before the connection goes back to the pool.
	 */
	void lock() throws SQLException {
		if (this.locked) {
			return;
		}
		// Refuses a transaction-mode pooler before anything is set, and remembers the settings to restore.
		this.guard = SessionGuard.open(this.dialect, this.connection, this.config.connectionCheckInterval());
		Duration waited = this.lock.acquire(this.connection);
		this.locked = true;
		this.config.events().lockAcquired(waited);
		setTimeouts(this.config.timeouts(), false);
	}

	/** Who holds the schema lock, if anyone. */
	@Nullable LockHolder lockHolder() throws SQLException {
		return this.dialect.lockHolder(this.connection, this.lock.key()).orElse(null);
	}

	private void unlock() {
		// Settings are restored even when taking the lock timed out.
		SessionGuard guard = this.guard;
		this.guard = null;
		if (guard != null && this.usable && !guard.close(this.connection)) {
			abort();
		}
		if (!this.locked) {
			return;
		}
		this.locked = false;
		// An aborted connection's session is gone, and its lock with it.
		if (this.usable) {
			this.usable = this.lock.release(this.connection);
		}
	}

	/**
	 * Runs work in one transaction: committed when it returns, rolled back when it throws anything (Errors too:
	 * returning to auto-commit would commit what it did so far).
	 */
	void inTransaction(StepWork work) throws Exception {
		if (this.grouped) {
			// A step of a group: the group's transaction commits it with the others, or rolls it back with them.
			work.run();
			return;
		}
		this.connection.setAutoCommit(false);
		try {
			work.run();
			this.connection.commit();
		}
		catch (Exception | Error ex) {
			rollback();
			throw ex;
		}
		finally {
			if (this.usable) {
				this.connection.setAutoCommit(true);
			}
			if (this.localTimeoutsOutlive && this.usable) {
				// The database has no transaction-local settings: the run's come back as PostgreSQL's would.
				this.localTimeoutsOutlive = false;
				try {
					setTimeouts(this.config.timeouts(), false);
				}
				catch (SQLException ex) {
					logger.warn("Could not restore the session timeouts; closing the migrations connection", ex);
					abort();
				}
			}
		}
	}

	/**
	 * Runs work in one transaction in which every {@link #inTransaction(StepWork) step transaction} joins: one commit
	 * at the end, one rollback of everything when anything fails ({@code migrations.group}).
	 */
	void inGroupTransaction(StepWork work) throws Exception {
		inTransaction(() -> {
			this.grouped = true;
			try {
				work.run();
			}
			finally {
				this.grouped = false;
			}
		});
	}

	/** Whether the steps run in one group transaction. */
	boolean grouped() {
		return this.grouped;
	}

	/** {@code SET LOCAL} timeouts that end with the current transaction. */
	void setLocalTimeouts(Timeouts timeouts) throws SQLException {
		setTimeouts(timeouts, true);
		this.localTimeoutsOutlive = !this.dialect.transactionLocalSettings();
	}

	/**
	 * Gives the session the timeouts of a step's first attempt, outside its transaction, unless it has them already:
	 * the steps of a run that share them set them once, not one round trip per step.
	 * @param first the timeouts of the step's first attempt, which the session keeps after it
	 * @param attempt the timeouts of the attempt about to run
	 * @return whether the attempt's differ from the session's: they are then its own, {@link #setLocalTimeouts SET
	 * LOCAL} in its transaction
	 */
	boolean stepTimeouts(Timeouts first, Timeouts attempt) throws SQLException {
		setSessionTimeouts(first);
		return !attempt.equals(first);
	}

	/** Session timeouts for what follows, e.g. one attempt of a non-transactional statement; none when it has them. */
	void setSessionTimeouts(Timeouts timeouts) throws SQLException {
		if (!timeouts.equals(this.sessionTimeouts)) {
			setTimeouts(timeouts, false);
		}
	}

	/**
	 * Something ran on the session that may have changed its settings (a statement not proven harmless, JDBC access,
	 * a callback): the next step sets its timeouts again instead of trusting them.
	 */
	void settingsMayHaveChanged() {
		this.sessionTimeouts = null;
	}

	/**
	 * Sets the run's timeouts back once the steps are done (between steps the session keeps those of their first
	 * attempts), so that what runs after them (callbacks, the next command on the session) has the run's.
	 */
	void restoreRunTimeouts() {
		if (this.locked && this.usable) {
			try {
				setSessionTimeouts(this.config.timeouts());
			}
			catch (SQLException ex) {
				// What ran is done and recorded; the connection, whose settings are unknown, is not pooled again.
				logger.warn("Could not restore the session timeouts; closing the migrations connection", ex);
				abort();
			}
		}
	}

	private void setTimeouts(Timeouts timeouts, boolean local) throws SQLException {
		Timeouts before = this.sessionTimeouts;
		this.sessionTimeouts = null;
		this.dialect.setTimeouts(this.connection, timeouts.lockTimeout().toMillis(),
				timeouts.statementTimeout().toMillis(), local);
		this.sessionTimeouts = !local ? timeouts : this.dialect.transactionLocalSettings() ? before : null;
	}

	private void rollback() {
		// A setting made in the transaction is undone with it.
		this.sessionTimeouts = null;
		try {
			this.connection.rollback();
		}
		catch (SQLException ex) {
			logger.warn("Rollback failed; closing the migrations connection", ex);
			abort();
		}
	}

	/** Closes the physical connection so that no pool reuses a session in an unknown state. */
	private void abort() {
		this.usable = false;
		SchemaLock.abort(this.connection);
	}

	/** Work on an open session. */
	@FunctionalInterface
	interface Work<T> {

		T run(Session session) throws SQLException;

	}

	/** Work inside a transaction or with other timeouts; may throw whatever a migration throws. */
	@FunctionalInterface
	interface StepWork {

		void run() throws Exception;

	}

}
