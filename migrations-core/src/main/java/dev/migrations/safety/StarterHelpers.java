package dev.migrations.safety;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How the safe alternatives are done with the starter's DSL. This is the one place that names its methods and
 * helpers, so that the messages follow when they are renamed.
 */
final class StarterHelpers {

	/** How a migration opts out of the transaction. */
	static final String NON_TRANSACTIONAL = "a migration whose transactional() returns false";

	/** The helper that adds a CHECK (c IS NOT NULL) NOT VALID, validates it, sets NOT NULL and drops the check. */
	static final String SET_NOT_NULL_SAFELY = "SafeOperations.on(q).setNotNull(table, column)";

	/** The helper that backfills a column in batches, committing each batch, with throttling and progress. */
	static final String BACKFILL = "SafeOperations.on(q).backfill(table).set(column, expression).where(...).run()";

	/** The helper that deletes matching rows in batches, committing each batch. */
	static final String DELETE_IN_BATCHES = "SafeOperations.on(q).deleteInBatches(table).where(condition).run()";

	private StarterHelpers() {
	}

	static String addIndexConcurrently(String table, List<String> columns, boolean unique, String name) {
		return "SafeOperations.on(q).addIndexConcurrently(" + quote(table) + ", index(" + list(columns) + ")"
				+ (unique ? ".unique()" : "") + ".name(" + quote(name) + ")) in " + NON_TRANSACTIONAL;
	}

	static String removeIndexConcurrently(String name) {
		return "q.removeIndexConcurrently(" + quote(name) + ") in " + NON_TRANSACTIONAL;
	}

	static String addConstraintNotValid(String table, String name) {
		return "SafeOperations.on(q).addConstraintValidatedSeparately(" + quote(table) + ", <the constraint named "
				+ quote(name) + ">) in " + NON_TRANSACTIONAL + ", or q.addConstraint(" + quote(table)
				+ ", <the constraint>.notValid()) and " + validateConstraint(table, name) + " in a later migration";
	}

	static String validateConstraint(String table, String name) {
		return "q.validateConstraint(" + quote(table) + ", " + quote(name) + ")";
	}

	static String setNotNullSafely(String table, String column) {
		return "the safe NOT NULL helper SafeOperations.on(q).setNotNull(" + quote(table) + ", " + quote(column)
				+ ") in " + NON_TRANSACTIONAL;
	}

	static String backfill(String table, String column, String expression) {
		return "the batched backfill helper SafeOperations.on(q).backfill(" + quote(table) + ").set(" + quote(column)
				+ ", " + quote(expression) + ").where(...).run() in " + NON_TRANSACTIONAL;
	}

	static String expandColumnRename(String table, String from, String to) {
		String arguments = quote(table) + ", " + quote(from) + ", " + quote(to);
		return "SafeOperations.on(q).expandColumnRename(" + arguments + ") in " + NON_TRANSACTIONAL
				+ " (adds the column, keeps both in sync with a trigger, backfills it), and once no deployed code uses "
				+ "the old column, SafeOperations.on(q).contractColumnRename(" + arguments + ") in a later migration";
	}

	static String addColumn(String table, String column) {
		return "q.addColumn(" + quote(table) + ", " + quote(column) + ", type, (c) -> c.nullable())";
	}

	static String removeColumn(String table, String column) {
		return "q.removeColumn(" + quote(table) + ", " + quote(column) + ")";
	}

	static String acknowledge(SafetyCheck check) {
		return "@Acknowledge(check = \"" + check.id() + "\", reason = \"...\")";
	}

	private static String list(List<String> values) {
		return values.isEmpty() ? "..." : values.stream().map(StarterHelpers::quote).collect(Collectors.joining(", "));
	}

	private static String quote(String value) {
		return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
