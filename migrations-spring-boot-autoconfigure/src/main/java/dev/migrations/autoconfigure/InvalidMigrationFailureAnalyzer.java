package dev.migrations.autoconfigure;

import dev.migrations.core.InvalidMigrationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A migration cannot be run as declared: a malformed or duplicate id, the same class registered twice.
 */
class InvalidMigrationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMigrationException cause) {
		return new FailureAnalysis("A migration is declared in a way that cannot run: " + cause.getMessage(),
				"Fix the migration named above: an id is a UTC timestamp (yyyyMMddHHmmss) and a description, such as "
						+ "20260501120000_create_orders, unique among all migrations. migrations.scan-packages "
						+ "chooses the packages scanned for migrations.",
				cause);
	}

}
