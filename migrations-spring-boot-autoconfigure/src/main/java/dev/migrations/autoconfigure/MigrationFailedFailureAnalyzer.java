package dev.migrations.autoconfigure;

import dev.migrations.core.MigrationFailedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A migration failed at startup: names the migration, what state it left the database in, and the command that
 * resolves it.
 */
class MigrationFailedFailureAnalyzer extends AbstractFailureAnalyzer<MigrationFailedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationFailedException cause) {
		String id = cause.getMigrationId();
		String message = String.valueOf(cause.getMessage());
		boolean leftFailed = message.contains("marked failed");
		String action = leftFailed
				? "Migration " + id + " is recorded as failed and what it ran before the failure stays applied. Fix the "
						+ "cause, then either run it again with --migrations.command=retry, or repair the database by "
						+ "hand and record the outcome with --migrations.command=mark-applied (you finished it) or "
						+ "--migrations.command=mark-rolled-back (you reverted it)."
				: "Fix migration " + id + " (the cause is above) and start the application again; it was rolled back, "
						+ "so it runs again from the start. --migrations.command=status lists the state of every "
						+ "migration.";
		return new FailureAnalysis("Migration " + id + " failed at startup.\n\n" + message, action, cause);
	}

}
