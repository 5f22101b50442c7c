package dev.migrations.safety;

import java.util.List;
import java.util.Optional;

import dev.migrations.safety.AlterAction.AddColumn;
import dev.migrations.safety.AlterAction.AlterColumnType;
import dev.migrations.safety.AlterAction.DropColumn;
import dev.migrations.safety.AlterAction.RenameColumn;
import dev.migrations.safety.AlterAction.RenameTable;
import dev.migrations.safety.ParsedStatement.AlterTable;
import dev.migrations.safety.ParsedStatement.DropTable;
import org.jspecify.annotations.Nullable;

/**
 * The checks on columns and tables: {@code add-not-null-column-without-default}, {@code add-volatile-default},
 * {@code add-stored-generated-column}, {@code add-serial-column}, {@code json-column}, constraints declared on an
 * added column, {@code change-column-type}, {@code rename-column}, {@code rename-table}, {@code drop-column} and
 * {@code drop-table}.
 */
final class ColumnRules implements Rule {

	@Override
	public void inspect(ParsedStatement statement, Analysis analysis) {
		if (statement instanceof DropTable drop) {
			drop.tables().stream().filter((table) -> !analysis.isNew(table)).forEach((table) -> dropTable(table, analysis));
		}
		if (!(statement instanceof AlterTable alter) || analysis.isNew(alter.table())) {
			return;
		}
		QualifiedName table = alter.table();
		for (AlterAction action : alter.actions()) {
			if (action instanceof AddColumn add) {
				addColumn(table, add.column(), analysis);
			}
			else if (action instanceof AlterColumnType change) {
				changeType(table, change, analysis);
			}
			else if (action instanceof RenameColumn rename && !analysis.isNewColumn(table, rename.from())) {
				renameColumn(table, rename, analysis);
			}
			else if (action instanceof RenameTable rename) {
				renameTable(table, rename, analysis);
			}
			else if (action instanceof DropColumn drop && !analysis.isNewColumn(table, drop.column())) {
				dropColumn(table, drop.column(), analysis);
			}
		}
	}

	private void addColumn(QualifiedName table, ColumnSpec column, Analysis analysis) {
		String col = Identifiers.sql(column.name());
		String where = table + "." + col;
		String plainAdd = "ALTER TABLE " + table + " ADD COLUMN " + col + " " + plainType(column.type());
		if (column.generated() != null) {
			analysis.report(SafetyCheck.ADD_STORED_GENERATED_COLUMN, table, column.name(),
					"Adding stored generated column " + where + " rewrites the whole of existing table " + table
							+ " to compute " + column.generated() + " for every row, under an ACCESS EXCLUSIVE lock.",
					"Add a plain column, fill new rows with a trigger, and backfill the old ones in batches:\n"
							+ "  " + plainAdd + ";\n"
							+ "  -- a BEFORE INSERT OR UPDATE trigger that sets NEW." + col + " := "
							+ column.generated() + ";\n"
							+ "  -- then, in " + StarterHelpers.NON_TRANSACTIONAL + ", batch by batch:\n"
							+ "  UPDATE " + table + " SET " + col + " = " + column.generated() + " WHERE " + col
							+ " IS NULL AND <key range>;\n"
							+ "With the starter: " + StarterHelpers.addColumn(table.name(), column.name()) + " and "
							+ StarterHelpers.backfill(table.name(), column.name(), column.generated().text()) + ".");
		}
		else if (column.type().isSerial() || column.identity()) {
			serial(table, column, analysis);
		}
		else if (column.defaultValue() != null && volatileCall(column.defaultValue()) != null) {
			volatileDefault(table, column, analysis);
		}
		else if (column.notNull() && !column.hasDefault()) {
			analysis.report(SafetyCheck.ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, table, column.name(),
					"Adding " + where + " NOT NULL without a default fails as soon as " + table
							+ " has a row (\"column " + column.name() + " contains null values\"), after waiting for an "
							+ "ACCESS EXCLUSIVE lock on it.",
					"Give it a constant default, which PostgreSQL 11+ adds without a rewrite:\n"
							+ "  " + plainAdd + " NOT NULL DEFAULT <constant>;\n"
							+ "or add it nullable, backfill it in batches, then set NOT NULL the safe way:\n"
							+ "  " + plainAdd + ";\n"
							+ "With the starter: " + StarterHelpers.addColumn(table.name(), column.name()) + ", "
							+ StarterHelpers.backfill(table.name(), column.name(), "...") + ", then "
							+ StarterHelpers.setNotNullSafely(table.name(), column.name()) + ".");
		}
		if (isJson(column.type())) {
			json(table, column.name(), column.type(), analysis);
		}
		if (column.references() != null) {
			String name = table.name() + "_" + column.name() + "_fkey";
			analysis.report(SafetyCheck.ADD_FOREIGN_KEY_VALIDATED, table, column.name(),
					"Column " + where + " is added with REFERENCES " + column.references()
							+ ": PostgreSQL validates the foreign key on every existing row of " + table
							+ " while holding locks that block writes to " + table + " and " + column.references() + ".",
					"Add the column without REFERENCES, then the foreign key NOT VALID, and validate it in a later "
							+ "migration:\n"
							+ "  " + plainAdd + ";\n"
							+ "  ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.sql(name) + " FOREIGN KEY ("
							+ col + ") REFERENCES " + column.references() + " NOT VALID;\n"
							+ "  -- in the next migration:\n"
							+ "  ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Identifiers.sql(name) + ";\n"
							+ "With the starter: " + StarterHelpers.addConstraintNotValid(table.name(), name) + ".");
		}
		if (column.check() != null) {
			String name = table.name() + "_" + column.name() + "_check";
			analysis.report(SafetyCheck.ADD_CHECK_CONSTRAINT_VALIDATED, table, column.name(),
					"Column " + where + " is added with CHECK (" + column.check() + "): PostgreSQL checks every "
							+ "existing row of " + table + " while holding an ACCESS EXCLUSIVE lock on it.",
					"Add the column without the CHECK, then the constraint NOT VALID, and validate it in a later "
							+ "migration:\n"
							+ "  " + plainAdd + ";\n"
							+ "  ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.sql(name) + " CHECK ("
							+ column.check() + ") NOT VALID;\n"
							+ "  -- in the next migration:\n"
							+ "  ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Identifiers.sql(name) + ";\n"
							+ "With the starter: " + StarterHelpers.addConstraintNotValid(table.name(), name) + ".");
		}
		if (column.unique() || column.primaryKey()) {
			SafetyCheck check = column.primaryKey() ? SafetyCheck.ADD_PRIMARY_KEY : SafetyCheck.ADD_UNIQUE_CONSTRAINT;
			String kind = column.primaryKey() ? "PRIMARY KEY" : "UNIQUE";
			String name = table.name() + "_" + column.name() + (column.primaryKey() ? "_pkey" : "_key");
			analysis.report(check, table, column.name(),
					"Column " + where + " is added " + kind + ": PostgreSQL builds the unique index on existing table "
							+ table + " while holding an ACCESS EXCLUSIVE lock on it.",
					"Add the column plain, build the unique index concurrently (in "
							+ StarterHelpers.NON_TRANSACTIONAL + "), then attach it:\n"
							+ "  " + plainAdd + ";\n"
							+ "  CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + Identifiers.sql(name) + " ON "
							+ table + " (" + col + ");\n"
							+ "  ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.sql(name) + " " + kind
							+ " USING INDEX " + Identifiers.sql(name) + ";\n"
							+ "With the starter: " + StarterHelpers.addIndexConcurrently(table.name(),
									List.of(column.name()), true, name) + ".");
		}
	}

	private void serial(QualifiedName table, ColumnSpec column, Analysis analysis) {
		String col = Identifiers.sql(column.name());
		String sequence = Identifiers.sql(table.name() + "_" + column.name() + "_seq");
		String type = switch (column.type().name()) {
			case "smallserial", "smallint" -> "smallint";
			case "serial", "integer" -> "integer";
			default -> "bigint";
		};
		analysis.report(SafetyCheck.ADD_SERIAL_COLUMN, table, column.name(),
				"Adding " + (column.identity() ? "identity" : column.type().name()) + " column " + table + "." + col
						+ " rewrites the whole of existing table " + table
						+ " to number every row, under an ACCESS EXCLUSIVE lock.",
				"Add a plain column with a sequence default (a default only applies to new rows, no rewrite), then "
						+ "number the old rows in batches:\n"
						+ "  ALTER TABLE " + table + " ADD COLUMN " + col + " " + type + ";\n"
						+ "  CREATE SEQUENCE " + sequence + " OWNED BY " + table + "." + col + ";\n"
						+ "  ALTER TABLE " + table + " ALTER COLUMN " + col + " SET DEFAULT nextval('"
						+ sequence.replace("'", "''") + "');\n"
						+ "  -- then, in " + StarterHelpers.NON_TRANSACTIONAL + ", batch by batch:\n"
						+ "  UPDATE " + table + " SET " + col + " = nextval('" + sequence.replace("'", "''")
						+ "') WHERE " + col + " IS NULL AND <key range>;\n"
						+ "With the starter: " + StarterHelpers.backfill(table.name(), column.name(),
								"nextval('" + sequence + "')")
						+ ", then " + StarterHelpers.setNotNullSafely(table.name(), column.name()) + ".");
	}

	private void volatileDefault(QualifiedName table, ColumnSpec column, Analysis analysis) {
		String col = Identifiers.sql(column.name());
		String function = volatileCall(column.defaultValue());
		String why = VolatileFunctions.isVolatile(function) ? function + "() is volatile"
				: function + "() is not known to be stable or immutable (functions are VOLATILE unless declared "
						+ "otherwise)";
		analysis.report(SafetyCheck.ADD_VOLATILE_DEFAULT, table, column.name(),
				"Adding " + table + "." + col + " with DEFAULT " + column.defaultValue() + " rewrites the whole of "
						+ "existing table " + table + " under an ACCESS EXCLUSIVE lock: " + why
						+ ", so PostgreSQL computes it for every existing row (a constant or stable default such as "
						+ "now() is instant on PostgreSQL 11+).",
				"Add the column without a default, set the default (it applies to new rows only, no rewrite), then "
						+ "backfill the old rows in batches:\n"
						+ "  ALTER TABLE " + table + " ADD COLUMN " + col + " " + plainType(column.type()) + ";\n"
						+ "  ALTER TABLE " + table + " ALTER COLUMN " + col + " SET DEFAULT " + column.defaultValue()
						+ ";\n"
						+ "  -- then, in " + StarterHelpers.NON_TRANSACTIONAL + ", batch by batch:\n"
						+ "  UPDATE " + table + " SET " + col + " = " + column.defaultValue() + " WHERE " + col
						+ " IS NULL AND <key range>;\n"
						+ "With the starter: " + StarterHelpers.addColumn(table.name(), column.name()) + ", then "
						+ StarterHelpers.backfill(table.name(), column.name(), column.defaultValue().text()) + ".");
	}

	/** The first call in the expression that is volatile or not known to be stable, or {@code null}. */
	static @Nullable String volatileCall(Expression expression) {
		for (String function : expression.functionCalls()) {
			if (!VolatileFunctions.isKnownNonVolatile(function)) {
				return function;
			}
		}
		return null;
	}

	private void changeType(QualifiedName table, AlterColumnType change, Analysis analysis) {
		String col = Identifiers.sql(change.column());
		if (isJson(change.type())) {
			json(table, change.column(), change.type(), analysis);
		}
		Optional<TypeName> current = currentType(table, change.column(), analysis);
		boolean plainUsing = change.using() == null || (change.using().tokens().size() == 1
				&& change.using().tokens().get(0).value().equals(change.column()));
		String timeZone = analysis.schemaInfo().timeZone().orElse(null);
		if (current.isPresent() && plainUsing && TypeChanges.isRewriteFree(current.get(), change.type(), timeZone)) {
			return;
		}
		String known = current.map((type) -> " from " + type.text()).orElse("");
		String reason;
		if (current.isPresent()) {
			reason = "changing " + current.get().text() + " to " + change.type().text() + " rewrites the table"
					+ (plainUsing ? "" : " (a USING expression is computed for every row)");
		}
		else {
			reason = "the column's current type is unknown here, so this cannot be shown to be one of the changes that "
					+ "do not rewrite";
		}
		analysis.report(SafetyCheck.CHANGE_COLUMN_TYPE, table, change.column(),
				"Changing the type of " + table + "." + col + known + " to " + change.type().text()
						+ " on existing table " + table + ": " + reason
						+ "; a rewrite holds an ACCESS EXCLUSIVE lock for the whole copy and index rebuild.",
				"These changes do not rewrite (only a brief lock): " + String.join("; ", TypeChanges.REWRITE_FREE)
						+ ". If yours is one of them, acknowledge it: "
						+ StarterHelpers.acknowledge(SafetyCheck.CHANGE_COLUMN_TYPE)
						+ ". To shorten a varchar, prefer text with CHECK (length(" + col + ") <= n) NOT VALID.\n"
						+ "Otherwise expand and contract:\n"
						+ "  ALTER TABLE " + table + " ADD COLUMN " + Identifiers.sql(change.column() + "_new") + " "
						+ change.type().text() + ";\n"
						+ "  -- deploy code that writes both columns; backfill the new one in batches ("
						+ StarterHelpers.BACKFILL + "); move reads to it; stop writing the old one;\n"
						+ "  -- in a later migration:\n"
						+ "  ALTER TABLE " + table + " DROP COLUMN " + col + ";\n"
						+ "  ALTER TABLE " + table + " RENAME COLUMN " + Identifiers.sql(change.column() + "_new")
						+ " TO " + col + ";  -- or keep the new name, see rename-column");
	}

	private static Optional<TypeName> currentType(QualifiedName table, String column, Analysis analysis) {
		try {
			return analysis.schemaInfo().columnType(table.schema(), table.name(), column).map(TypeName::parse);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private void json(QualifiedName table, String column, TypeName type, Analysis analysis) {
		String col = Identifiers.sql(column);
		analysis.report(SafetyCheck.JSON_COLUMN, table, column,
				"Column " + table + "." + col + " is of type " + type.text()
						+ ": json has no equality operator, so SELECT DISTINCT, GROUP BY, UNION and comparisons on "
						+ table + " fail once the column is in them, and every access reparses the text.",
				"Use jsonb instead:\n  " + table + "." + col + " jsonb" + (type.array() ? "[]" : "") + "\n"
						+ "With the starter: DataType JSONB.");
	}

	private void renameColumn(QualifiedName table, RenameColumn rename, Analysis analysis) {
		String from = Identifiers.sql(rename.from());
		String to = Identifiers.sql(rename.to());
		analysis.report(SafetyCheck.RENAME_COLUMN, table, rename.from(),
				"Renaming " + table + "." + from + " to " + to + ": the running application still reads and writes "
						+ from + " and fails from the moment the rename commits until the new code is deployed.",
				"Expand and contract over several deployments:\n"
						+ "  ALTER TABLE " + table + " ADD COLUMN " + to + " <type>;\n"
						+ "  -- deploy code that writes both columns; backfill " + to + " from " + from
						+ " in batches; deploy code that reads " + to + " only;\n"
						+ "  -- in a later migration, once nothing uses " + from + ":\n"
						+ "  ALTER TABLE " + table + " DROP COLUMN " + from + ";\n"
						+ "With the starter: " + StarterHelpers.expandColumnRename(table.name(), rename.from(), rename.to())
						+ ".");
	}

	private void renameTable(QualifiedName table, RenameTable rename, Analysis analysis) {
		String to = Identifiers.sql(rename.to());
		QualifiedName renamed = new QualifiedName(table.schema(), rename.to());
		analysis.report(SafetyCheck.RENAME_TABLE, table, null,
				"Renaming table " + table + " to " + to + ": the running application still uses " + table
						+ " and fails from the moment the rename commits until the new code is deployed.",
				"Rename it and leave a view under the old name in the same transaction (a simple view is updatable, "
						+ "so the old code keeps reading and writing through it):\n"
						+ "  ALTER TABLE " + table + " RENAME TO " + to + ";\n"
						+ "  CREATE VIEW " + table + " AS SELECT * FROM " + renamed + ";\n"
						+ "  -- in a later migration, once nothing uses the old name:\n"
						+ "  DROP VIEW " + table + ";\n"
						+ "Or expand and contract: create the new table, write to both, backfill, move reads, drop the "
						+ "old one.");
	}

	private void dropColumn(QualifiedName table, String column, Analysis analysis) {
		String col = Identifiers.sql(column);
		analysis.report(SafetyCheck.DROP_COLUMN, table, column,
				"Dropping " + table + "." + col + ": code that still uses it fails at once (an ORM entity that maps "
						+ "it selects it in every query), and its data is gone.",
				"Contract in two deployments: first deploy code that no longer reads or writes " + col
						+ " (remove it from entities and queries), then drop it in a later migration and say so on "
						+ "that migration:\n"
						+ "  " + StarterHelpers.acknowledge(SafetyCheck.DROP_COLUMN).replace("...",
								"no code uses " + table.name() + "." + column + " since release N")
						+ "\n  ALTER TABLE " + table + " DROP COLUMN " + col + ";\n"
						+ "With the starter: " + StarterHelpers.removeColumn(table.name(), column)
						+ " in that later, acknowledged migration.");
	}

	private void dropTable(QualifiedName table, Analysis analysis) {
		analysis.report(SafetyCheck.DROP_TABLE, table, null,
				"Dropping table " + table + ": code that still uses it fails at once, and its data is gone.",
				"Contract in two deployments: first deploy code that no longer uses " + table
						+ " (optionally rename it aside, see rename-table, to find stragglers), then drop it in a "
						+ "later migration and say so on that migration:\n"
						+ "  " + StarterHelpers.acknowledge(SafetyCheck.DROP_TABLE).replace("...",
								"no code uses " + table.name() + " since release N")
						+ "\n  DROP TABLE " + table + ";");
	}

	private static boolean isJson(TypeName type) {
		return type.name().equals("json") || type.name().equals("pg_catalog.json");
	}

	/** The type without serial pseudo-types, for a plain ADD COLUMN. */
	private static String plainType(TypeName type) {
		return switch (type.name()) {
			case "serial" -> "integer";
			case "bigserial" -> "bigint";
			case "smallserial" -> "smallint";
			default -> type.text();
		};
	}

}
