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

	/**
	 * Whether every statement checked so far is proven to change no session setting (see {@link SessionSettings}),
	 * read from the parse the checks made anyway; {@code false} when this checker cannot tell.
	 */
	default boolean settingsUntouched() {
		return false;
	}

}
