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
	static final String SET_NOT_NULL_SAFELY = "q.safe().setNotNull(table, column)";

	/** The helper that backfills a column in batches, committing each batch, with throttling and progress. */
	static final String BACKFILL = "q.safe().backfill(table, column, expression)";

	/** The helper that deletes matching rows in batches, committing each batch. */
	static final String DELETE_IN_BATCHES = "q.safe().deleteInBatches(table, condition)";

	private StarterHelpers() {
	}

	static String addIndexConcurrently(String table, List<String> columns, boolean unique, String name) {
		return "q.addIndex(" + quote(table) + ", index(" + list(columns) + ")" + (unique ? ".unique()" : "")
				+ ".name(" + quote(name) + ").concurrently()) in " + NON_TRANSACTIONAL;
	}

	static String removeIndexConcurrently(String name) {
		return "q.removeIndex(table, index(...).name(" + quote(name) + ").concurrently()) in " + NON_TRANSACTIONAL;
	}

	static String addConstraintNotValid(String table, String name) {
		return "q.addConstraint(" + quote(table) + ", " + quote(name) + ", ...).notValid(), then "
				+ validateConstraint(table, name) + " in a second migration";
	}

	static String validateConstraint(String table, String name) {
		return "q.validateConstraint(" + quote(table) + ", " + quote(name) + ")";
	}

	static String setNotNullSafely(String table, String column) {
		return "the safe NOT NULL helper " + SET_NOT_NULL_SAFELY.replace("table, column",
				quote(table) + ", " + quote(column));
	}

	static String backfill(String table, String column, String expression) {
		return "the batched backfill helper " + BACKFILL.replace("table, column, expression",
				quote(table) + ", " + quote(column) + ", " + quote(expression)) + " in " + NON_TRANSACTIONAL;
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
