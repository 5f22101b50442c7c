package dev.migrations.core;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One command that may change something, on a {@link Session}: it tells the listeners that it starts and ends, takes
 * the schema lock when asked (and tells the callbacks), and runs steps through one {@link StepRunner} per history.
 */
final class CommandRun {

	private final Session session;

	private final RunConfig config;

	private final Command command;

	private final long start;

	private boolean locked;

	private CommandRun(Session session, RunConfig config, Command command, long start) {
		this.session = session;
		this.config = config;
		this.command = command;
		this.start = start;
	}

	/** Runs a command on a new session. */
	static CommandResult execute(RunConfig config, Command command, Work work) {
		return execute(config, null, command, work);
	}

	/**
	 * Runs a command on the session, or on a new one when it is {@code null}, telling the listeners before and after.
	 */
	static CommandResult execute(RunConfig config, @Nullable Session session, Command command, Work work) {
		config.events().commandStarting(command);
		long start = System.nanoTime();
		CommandResult result = null;
		RuntimeException failure = null;
		try {
			Session.Work<CommandResult> body = (s) -> new CommandRun(s, config, command, start).run(work);
			result = (session != null) ? inSession(config, session, body) : Session.open(config, body);
			return result;
		}
		catch (RuntimeException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			CommandResult outcome = (result != null) ? result
					: new CommandResult(command, List.of(), null, Duration.ofNanos(System.nanoTime() - start));
			config.events().commandFinished(command, outcome, failure);
		}
	}

	private static CommandResult inSession(RunConfig config, Session session, Session.Work<CommandResult> body) {
		try {
			return body.run(session);
		}
		catch (SQLException ex) {
			throw Session.unusable(config, ex);
		}
	}

	private CommandResult run(Work work) throws SQLException {
		CommandResult result = work.run(this);
		this.session.restoreRunTimeouts();
		if (this.locked) {
			callback(() -> this.config.events().afterMigrate(this.session.connection(), this.command), "afterMigrate");
		}
		return result;
	}

	Session session() {
		return this.session;
	}

	Command command() {
		return this.command;
	}

	/**
	 * Takes the schema lock (unless the session holds it already: one lock for migrate then seed), creates the history
	 * table when missing, and tells the callbacks that the command starts under the lock.
	 */
	void lock(History history) throws SQLException {
		this.session.lock();
		history.createIfMissing(this.session.connection());
		if (!this.locked) {
			this.locked = true;
			callback(() -> this.config.events().beforeMigrate(this.session.connection(), this.command), "beforeMigrate");
		}
	}

	/** The runner of the command's steps, recording in the history. */
	StepRunner runner(History history) {
		return new StepRunner(this.session, this.config, this.command, history);
	}

	CommandResult result(List<String> ids, @Nullable Integer batch) {
		return new CommandResult(this.command, ids, batch, Duration.ofNanos(System.nanoTime() - this.start));
	}

	private void callback(Session.StepWork callback, String name) {
		try {
			callback.run();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new MigrationException("A migrations callback failed in " + name + " of " + this.command.cliName()
					+ ": " + Runs.rootMessage(ex), ex);
		}
	}

	/** What a command does on its run. */
	@FunctionalInterface
	interface Work {

		CommandResult run(CommandRun run) throws SQLException;

	}

}
