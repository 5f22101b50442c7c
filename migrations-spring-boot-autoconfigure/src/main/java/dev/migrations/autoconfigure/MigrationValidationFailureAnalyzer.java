package dev.migrations.autoconfigure;

import dev.migrations.core.MigrationValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The history and the code disagree in a way the validation policies refuse.
 */
class MigrationValidationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationValidationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationValidationException cause) {
		return new FailureAnalysis("The migrations history does not match the code; nothing was changed.\n\n"
				+ cause.getMessage(),
				"Run --migrations.command=status to see every migration's state. Resolve failed ones with retry, "
						+ "mark-applied or mark-rolled-back; or relax the policy at fault with "
						+ "migrations.validation.failed, migrations.validation.out-of-order or "
						+ "migrations.validation.missing (fail, warn or ignore). With migrations.on-startup=validate, "
						+ "pending migrations must be applied first (--migrations.command=migrate).",
				cause);
	}

}
