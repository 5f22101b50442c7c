package dev.migrations.core;

/**
 * What to do when validation finds a disagreement between the code and the history.
 */
public enum ValidationPolicy {

	/** Stop before anything runs, with an error that names the migrations. */
	FAIL,

	/** Log a warning and go on. */
	WARN,

	/** Go on silently. */
	IGNORE

}
