package dev.migrations.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.migrations.safety.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * What changed in a {@link MigrationState#MODIFIED} migration, when it can be told: the statements its code would run
 * now (a dry run, as {@code plan} does) set against those its history row recorded when it ran. It cannot be told
 * when no script was recorded ({@code migrations.record-script=false}, a marked row) or the dry run stopped early (a
 * migration that reads data); the checksum is then all there is.
 */
final class ModifiedStatements {

	private static final int MAX_LINES = 5;

	private ModifiedStatements() {
	}

	/**
	 * Explains modified migrations on the session, reading the recorded scripts (full history rows) once, on first
	 * use: only a validation that found a modified migration pays for it.
	 */
	static Function<ResolvedMigration, @Nullable String> explainer(Session session, History history) {
		Map<String, @Nullable String> scripts = new HashMap<>();
		return (migration) -> {
			try {
				if (scripts.isEmpty()) {
					history.readAll(session.connection()).forEach((row) -> scripts.put(row.id(), row.script()));
				}
			}
			catch (java.sql.SQLException ex) {
				return null;
			}
			return explain(session, migration, scripts.get(migration.id()));
		};
	}

	/**
	 * The changed statements, one line each, for the validation message; {@code null} when it cannot be told.
	 */
	static @Nullable String explain(Session session, ResolvedMigration migration, @Nullable String recorded) {
		if (recorded == null) {
			return null;
		}
		PlannedMigration now;
		try {
			now = DryRun.of(session, migration);
		}
		catch (java.sql.SQLException | RuntimeException ex) {
			return null;
		}
		if (now.stoppedBy() != null) {
			return null;
		}
		Set<String> before = statements(recorded);
		Set<String> after = new LinkedHashSet<>();
		now.statements().forEach((statement) -> after.add(normalize(Secrets.redact(statement.sql()))));
		List<String> lines = new ArrayList<>();
		after.stream().filter((sql) -> !before.contains(sql)).forEach((sql) -> lines.add("now runs:  " + sql));
		before.stream().filter((sql) -> !after.contains(sql)).forEach((sql) -> lines.add("ran then:  " + sql));
		if (lines.isEmpty()) {
			return "    the statements are the same; what changed is in code that runs no statement";
		}
		StringBuilder text = new StringBuilder();
		lines.stream().limit(MAX_LINES).forEach((line) -> text.append("    ").append(line).append('\n'));
		if (lines.size() > MAX_LINES) {
			text.append("    ... and ").append(lines.size() - MAX_LINES).append(" more\n");
		}
		return text.toString().stripTrailing();
	}

	/** The statements of a recorded script ({@code ;\n}-separated, ending with {@code ;}). */
	private static Set<String> statements(String script) {
		Set<String> statements = new LinkedHashSet<>();
		for (String statement : script.split(";\n")) {
			String normalized = normalize(statement);
			if (!normalized.isEmpty()) {
				statements.add(normalized);
			}
		}
		return statements;
	}

	private static String normalize(String sql) {
		String trimmed = sql.strip();
		if (trimmed.endsWith(";")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
		}
		return trimmed.replaceAll("\\s+", " ");
	}

}
