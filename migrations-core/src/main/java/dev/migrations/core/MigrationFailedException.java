package dev.migrations.core;

/**
 * A migration's {@code up} or {@code down} threw. The message names the migration, what happened to the database
 * and the cause.
 */
public class MigrationFailedException extends MigrationException {

	private final String migrationId;

	public MigrationFailedException(String migrationId, String message, Throwable cause) {
		super(message, cause);
		this.migrationId = migrationId;
	}

	/** The id of the migration that failed. */
	public String getMigrationId() {
		return this.migrationId;
	}

}
