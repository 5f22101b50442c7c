package dev.migrations.testing;

import dev.migrations.schema.CatalogDifference;
import org.jspecify.annotations.Nullable;

/**
 * A migration failed {@link MigrationsVerifier#verifyUpDownUp()}: its {@code down} did not restore the catalog as it
 * was before its {@code up}, applying it again led to another catalog, or one of its steps failed. An
 * {@link AssertionError}, so a test framework reports it as a failed test.
 */
public class MigrationVerificationError extends AssertionError {

	private final String migrationId;

	private final String direction;

	private final transient @Nullable CatalogDifference difference;

	MigrationVerificationError(String migrationId, String direction, @Nullable CatalogDifference difference,
			String message, @Nullable Throwable cause) {
		super(message, cause);
		this.migrationId = migrationId;
		this.direction = direction;
		this.difference = difference;
	}

	/** The id of the migration at fault. */
	public String getMigrationId() {
		return this.migrationId;
	}

	/** {@code up}, {@code down} or {@code up again}: the step that failed or left the difference. */
	public String getDirection() {
		return this.direction;
	}

	/** The first difference of the catalog from the expected one; {@code null} when a step failed. */
	public @Nullable CatalogDifference getDifference() {
		return this.difference;
	}

}
