package dev.migrations.core;

/**
 * The history and the code disagree in a way the validation policy does not allow (failed leftovers, out-of-order or
 * missing migrations, or pending ones when only validation was asked for). Nothing was changed.
 */
public class MigrationValidationException extends MigrationException {

	public MigrationValidationException(String message) {
		super(message);
	}

}
