package dev.migrations.safety;

import java.util.List;
import java.util.stream.Collectors;

/** Renders findings as a readable report, for exception messages and logs. */
public final class SafetyReport {

	private SafetyReport() {
	}

	/**
	 * A multi-line report: a summary line, then for each finding the migration, the check, the statement, what is
	 * wrong, why it is dangerous, the safe alternative, and how to acknowledge it.
	 */
	public static String render(List<Finding> findings) {
		if (findings.isEmpty()) {
			return "No unsafe operations found";
		}
		long migrations = findings.stream().map(Finding::migrationId).distinct().count();
		String header = findings.size() + ((findings.size() == 1) ? " unsafe operation" : " unsafe operations")
				+ " in " + migrations + ((migrations == 1) ? " pending migration" : " pending migrations") + ":";
		return header + "\n\n" + findings.stream().map(Finding::describe).collect(Collectors.joining("\n\n"))
				+ "\n\nThe safety mode is set with migrations.safety.mode (fail, warn or off).";
	}

}
