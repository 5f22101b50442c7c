package dev.migrations.autoconfigure;

import java.util.stream.Collectors;

import dev.migrations.safety.Finding;
import dev.migrations.safety.UnsafeMigrationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The safety checks refused pending migrations: names each check and migration, and how to acknowledge a finding.
 */
class UnsafeMigrationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeMigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeMigrationException cause) {
		String checks = cause.findings()
			.stream()
			.map((finding) -> finding.checkId() + " in " + finding.migrationId())
			.distinct()
			.collect(Collectors.joining(", "));
		String acknowledge = cause.findings()
			.stream()
			.map(Finding::checkId)
			.distinct()
			.map((check) -> "@Acknowledge(check = \"" + check + "\", reason = \"why it is safe here\")")
			.collect(Collectors.joining(", "));
		return new FailureAnalysis("The safety checks refused the pending migrations before anything ran (" + checks
				+ "):\n\n" + cause.getMessage(),
				"Rewrite each migration the safe way shown above. If an operation is safe for your data (a small or "
						+ "unused table, for instance), acknowledge it on the migration class with " + acknowledge
						+ ". migrations.safety.mode=warn logs the findings instead of refusing, for every migration.",
				cause);
	}

}
