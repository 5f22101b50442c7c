package dev.migrations.core;

/**
 * A migration that cannot be run as declared: a malformed or duplicate id, the same class registered twice.
 */
public class InvalidMigrationException extends MigrationException {

	public InvalidMigrationException(String message) {
		super(message);
	}

}
