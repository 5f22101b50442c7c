package dev.migrations.safety;

/**
 * A statement of a pending migration that the safety checks could not analyse: it runs, but nothing checked it.
 * Report it (in {@code plan}, and at WARN before the run) so that a person looks at it.
 *
 * @param migrationId the migration
 * @param statementIndex the position of the statement in the migration's statements, from 0
 * @param sql an excerpt of what was not analysed, on one line, secrets redacted
 * @param reason why: the statement could not be read, its kind is unknown to the checks, or it runs SQL the checks
 * cannot see (dynamic {@code EXECUTE} in a {@code DO} block, a procedure created elsewhere)
 */
public record UnanalysedStatement(String migrationId, int statementIndex, String sql, String reason) {

	/** One line: {@code migration m, statement 2: <sql> (not analysed: <reason>)}. */
	public String describe() {
		return "migration " + this.migrationId + ", statement " + (this.statementIndex + 1) + ": " + this.sql
				+ " (not analysed: " + this.reason + ")";
	}

	@Override
	public String toString() {
		return describe();
	}

}
