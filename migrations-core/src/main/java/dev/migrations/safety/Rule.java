package dev.migrations.safety;

/** A group of checks: looks at each parsed statement of a migration in order, then at the migration as a whole. */
interface Rule {

	/** Inspects one statement; the analysis holds what the earlier statements did. */
	void inspect(ParsedStatement statement, Analysis analysis);

	/** Inspects the migration once all its statements are seen. */
	default void finish(Analysis analysis) {
	}

}
