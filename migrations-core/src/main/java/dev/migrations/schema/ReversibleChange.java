package dev.migrations.schema;

/**
 * Operations whose inverse the {@link QueryInterface} knows, for {@link QueryInterface#revert} and
 * {@code ReversibleMigration#change}.
 */
@FunctionalInterface
public interface ReversibleChange {

	/** Runs the operations on {@code q}. */
	void change(QueryInterface q) throws Exception;

}
