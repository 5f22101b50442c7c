package dev.migrations.safety;

import dev.migrations.safety.Analysis.ConstraintRecord;
import dev.migrations.safety.Analysis.TableChange;
import dev.migrations.safety.AlterAction.AddConstraint;
import dev.migrations.safety.AlterAction.SetNotNull;
import dev.migrations.safety.AlterAction.ValidateConstraint;
import dev.migrations.safety.ParsedStatement.AlterTable;

/**
 * {@code add-foreign-key-validated}, {@code add-check-constraint-validated}, {@code validate-in-same-transaction},
 * {@code add-unique-constraint}, {@code add-primary-key}, {@code add-exclusion-constraint} and {@code set-not-null}.
 */
final class ConstraintRules implements Rule {

	@Override
	public void inspect(ParsedStatement statement, Analysis analysis) {
		if (!(statement instanceof AlterTable alter) || analysis.isNew(alter.table())) {
			return;
		}
		for (AlterAction action : alter.actions()) {
			if (action instanceof AddConstraint add) {
				addConstraint(alter.table(), add.constraint(), analysis);
			}
			else if (action instanceof ValidateConstraint validate) {
				validate(alter.table(), validate.name(), analysis);
			}
			else if (action instanceof SetNotNull setNotNull) {
				setNotNull(alter.table(), setNotNull.column(), analysis);
			}
		}
	}

	private void addConstraint(QualifiedName table, ConstraintSpec constraint, Analysis analysis) {
		switch (constraint.kind()) {
			case FOREIGN_KEY -> {
				if (!constraint.notValid()) {
					foreignKey(table, constraint, analysis);
				}
			}
			case CHECK -> {
				if (!constraint.notValid()) {
					check(table, constraint, analysis);
				}
			}
			case UNIQUE -> {
				if (constraint.usingIndex() == null) {
					uniqueOrPrimaryKey(SafetyCheck.ADD_UNIQUE_CONSTRAINT, table, constraint, analysis);
				}
			}
			case PRIMARY_KEY -> {
				if (constraint.usingIndex() == null) {
					uniqueOrPrimaryKey(SafetyCheck.ADD_PRIMARY_KEY, table, constraint, analysis);
				}
			}
			case EXCLUDE -> exclusion(table, constraint, analysis);
			case NOT_NULL -> {
				if (!constraint.notValid() && !constraint.columns().isEmpty()) {
					setNotNull(table, constraint.columns().get(0), analysis);
				}
			}
		}
	}

	private void foreignKey(QualifiedName table, ConstraintSpec constraint, Analysis analysis) {
		String name = nameOf(constraint, table, "fkey");
		String referenced = (constraint.references() != null) ? constraint.references().sql() : "the referenced table";
		analysis.report(SafetyCheck.ADD_FOREIGN_KEY_VALIDATED, table, null,
				"Foreign key " + Identifiers.sql(name) + " on existing table " + table + " (referencing " + referenced
						+ ") is added without NOT VALID: PostgreSQL checks every existing row while holding a SHARE ROW "
						+ "EXCLUSIVE lock on both " + table + " and " + referenced + ", blocking writes to both.",
				notValidThenValidate(table, constraint, name));
	}

	private void check(QualifiedName table, ConstraintSpec constraint, Analysis analysis) {
		String name = nameOf(constraint, table, "check");
		analysis.report(SafetyCheck.ADD_CHECK_CONSTRAINT_VALIDATED, table, null,
				"Check constraint " + Identifiers.sql(name) + " on existing table " + table
						+ " is added without NOT VALID: PostgreSQL checks every existing row while holding an ACCESS "
						+ "EXCLUSIVE lock on " + table + ", blocking reads and writes.",
				notValidThenValidate(table, constraint, name));
	}

	private static String notValidThenValidate(QualifiedName table, ConstraintSpec constraint, String name) {
		String definition = (constraint.name() != null) ? constraint.text()
				: "CONSTRAINT " + Identifiers.sql(name) + " " + constraint.text();
		return "Add it NOT VALID (only new and updated rows are checked; the lock is brief), then validate the existing "
				+ "rows in a later migration (VALIDATE CONSTRAINT takes a SHARE UPDATE EXCLUSIVE lock: reads and "
				+ "writes go on):\n"
				+ "  ALTER TABLE " + table + " ADD " + definition + " NOT VALID;\n"
				+ "  -- in the next migration:\n"
				+ "  ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Identifiers.sql(name) + ";\n"
				+ "With the starter: " + StarterHelpers.addConstraintNotValid(table.name(), name) + ".";
	}

	private void uniqueOrPrimaryKey(SafetyCheck check, QualifiedName table, ConstraintSpec constraint,
			Analysis analysis) {
		boolean primaryKey = check == SafetyCheck.ADD_PRIMARY_KEY;
		String name = primaryKey ? ((constraint.name() != null) ? constraint.name() : table.name() + "_pkey")
				: nameOf(constraint, table, "key");
		String columns = constraint.columns().stream().map(Identifiers::sql)
			.collect(java.util.stream.Collectors.joining(", "));
		String kind = primaryKey ? "PRIMARY KEY" : "UNIQUE";
		analysis.report(check, table, constraint.columns().isEmpty() ? null : String.join(", ", constraint.columns()),
				kind + " constraint " + Identifiers.sql(name) + " on existing table " + table
						+ " builds its unique index while holding an ACCESS EXCLUSIVE lock on " + table
						+ ": reads and writes wait for the whole build.",
				"Build the unique index concurrently first (in " + StarterHelpers.NON_TRANSACTIONAL
						+ "), then attach it as the constraint, which is instant:\n"
						+ "  CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + Identifiers.sql(name) + " ON " + table
						+ " (" + columns + ");\n"
						+ "  ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.sql(name) + " " + kind
						+ " USING INDEX " + Identifiers.sql(name) + ";\n"
						+ "With the starter: " + StarterHelpers.addIndexConcurrently(table.name(), constraint.columns(),
								true, name)
						+ ", then q.sql(\"ALTER TABLE ... ADD CONSTRAINT ... " + kind + " USING INDEX ...\")."
						+ (primaryKey ? "\nThe key's columns must already be NOT NULL, or PostgreSQL sets NOT NULL "
								+ "with a full scan under the lock: make them NOT NULL the safe way first ("
								+ StarterHelpers.SET_NOT_NULL_SAFELY + ")." : ""));
	}

	private void exclusion(QualifiedName table, ConstraintSpec constraint, Analysis analysis) {
		String name = nameOf(constraint, table, "excl");
		analysis.report(SafetyCheck.ADD_EXCLUSION_CONSTRAINT, table, null,
				"Exclusion constraint " + Identifiers.sql(name) + " on existing table " + table
						+ " builds its index and checks every row while holding an ACCESS EXCLUSIVE lock on " + table
						+ "; PostgreSQL has no NOT VALID or USING INDEX form for it.",
				"There is no online way to add an exclusion constraint to a big table. Either enforce the rule in a "
						+ "new table that you fill and switch to (expand/contract), or, when " + table
						+ " is small enough for the lock to be brief, acknowledge it: "
						+ StarterHelpers.acknowledge(SafetyCheck.ADD_EXCLUSION_CONSTRAINT) + ".");
	}

	private void validate(QualifiedName table, String name, Analysis analysis) {
		if (!analysis.transactional()) {
			return;
		}
		ConstraintRecord added = analysis.findConstraint(table, name);
		TableChange change = analysis.firstSchemaChange(table);
		String cause;
		if (added != null) {
			cause = "the ALTER TABLE that added it (" + Analysis.ordinal(added.statementIndex()) + ")";
		}
		else if (change != null) {
			cause = "an earlier ALTER TABLE of " + table + " (" + Analysis.ordinal(change.statementIndex()) + ": "
					+ change.sql() + ")";
		}
		else {
			return;
		}
		analysis.report(SafetyCheck.VALIDATE_IN_SAME_TRANSACTION, table, null,
				"VALIDATE CONSTRAINT " + Identifiers.sql(name) + " on " + table + " runs in the same transaction as "
						+ cause + ": the strong lock that statement took on " + table
						+ " is held while every row is checked, blocking the table for the whole validation.",
				"Validate in a later migration (or make this migration non-transactional: transactional() returns "
						+ "false, so that the ADD commits before the VALIDATE starts):\n"
						+ "  -- in the next migration:\n"
						+ "  ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Identifiers.sql(name) + ";\n"
						+ "With the starter: " + StarterHelpers.validateConstraint(table.name(), name)
						+ " in a migration of its own.");
	}

	private void setNotNull(QualifiedName table, String column, Analysis analysis) {
		if (hasValidatedNotNullCheck(table, column, analysis)) {
			return;
		}
		String check = Identifiers.sql(table.name() + "_" + column + "_not_null");
		String col = Identifiers.sql(column);
		analysis.report(SafetyCheck.SET_NOT_NULL, table, column,
				"SET NOT NULL on " + table + "." + col + " scans the whole table for NULLs while holding an ACCESS "
						+ "EXCLUSIVE lock on " + table + ", blocking reads and writes for the whole scan.",
				"Prove the column has no NULLs with a CHECK constraint first; PostgreSQL 12+ then sets NOT NULL "
						+ "without a scan:\n"
						+ "  ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + col
						+ " IS NOT NULL) NOT VALID;\n"
						+ "  -- in the next migration:\n"
						+ "  ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check + ";\n"
						+ "  ALTER TABLE " + table + " ALTER COLUMN " + col + " SET NOT NULL;\n"
						+ "  ALTER TABLE " + table + " DROP CONSTRAINT " + check + ";\n"
						+ "With the starter: " + StarterHelpers.setNotNullSafely(table.name(), column) + ".");
	}

	/**
	 * Whether a CHECK constraint on the table that proves {@code column IS NOT NULL} was validated earlier in this
	 * migration. When the constraint was added by an earlier migration its expression is unknown: it counts when its
	 * name mentions the column and "null" (as in {@code orders_status_not_null}).
	 */
	private static boolean hasValidatedNotNullCheck(QualifiedName table, String column, Analysis analysis) {
		for (ConstraintRecord constraint : analysis.constraints()) {
			if (!constraint.validated() || !constraint.table().sameAs(table)) {
				continue;
			}
			if (constraint.check() != null) {
				if (constraint.check().isNotNullTestOf(column)) {
					return true;
				}
			}
			else {
				String name = constraint.name().toLowerCase(java.util.Locale.ROOT);
				if (name.contains(column.toLowerCase(java.util.Locale.ROOT)) && name.contains("null")) {
					return true;
				}
			}
		}
		return false;
	}

	/** The constraint's name, or the one PostgreSQL would give it: {@code <table>_<columns>_<suffix>}. */
	static String nameOf(ConstraintSpec constraint, QualifiedName table, String suffix) {
		if (constraint.name() != null) {
			return constraint.name();
		}
		return table.name() + (constraint.columns().isEmpty() ? "" : "_" + String.join("_", constraint.columns())) + "_"
				+ suffix;
	}

}
