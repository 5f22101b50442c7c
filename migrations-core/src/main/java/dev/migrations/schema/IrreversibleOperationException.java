package dev.migrations.schema;

/**
 * Thrown when a reversible change ({@link QueryInterface#revert}, {@code ReversibleMigration#change}) uses an
 * operation whose inverse is unknown, such as {@code dropTable} without the table's definition, raw SQL or a data
 * change. It is thrown before anything runs.
 */
public class IrreversibleOperationException extends IllegalStateException {

	public IrreversibleOperationException(String operation, String hint) {
		super(operation + " has no known inverse, so it cannot be used in a reversible change: " + hint
				+ " Otherwise implement up and down instead of change.");
	}

}
