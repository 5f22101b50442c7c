package dev.migrations.core;

/**
 * The base of every error the migrations raise; its message names the migration, table or property at fault.
 */
public class MigrationException extends RuntimeException {

	public MigrationException(String message) {
		super(message);
	}

	public MigrationException(String message, Throwable cause) {
		super(message, cause);
	}

}
