package dev.migrations.core;

/**
 * Undo reached a migration without {@code down}.
 */
public class IrreversibleMigrationException extends MigrationException {

	public IrreversibleMigrationException(String id) {
		super("Migration " + id + " is irreversible (it has no down method); nothing was undone. Write its down method, "
				+ "or remove its history row with mark-rolled-back if you reverted it by hand.");
	}

}
