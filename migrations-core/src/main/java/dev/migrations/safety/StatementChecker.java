package dev.migrations.safety;

import dev.migrations.schema.SqlStatement;

/**
 * Checks a migration's statements one at a time, in the order they run; made by
 * {@link SafetyAnalyzer#checker(String, boolean)}.
 */
public interface StatementChecker {

	/**
	 * Analyses the next statement of the migration.
	 * @param statement the statement about to run
	 * @return the findings on it, and what of it the checks could not analyse
	 */
	SafetyAnalysis check(SqlStatement statement);

}
