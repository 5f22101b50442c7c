package dev.migrations.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * {@code --migrations.command} (or its arguments) given in a way the rules refuse.
 */
class InvalidCommandFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCommandException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCommandException cause) {
		return new FailureAnalysis(String.valueOf(cause.getMessage()),
				"Fix migrations.command and its arguments (migrations.to, migrations.step, migrations.seeders.id); "
						+ "see the commands page of the documentation.",
				cause);
	}

}
