package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.migrations.safety.AlterAction.AddColumn;
import dev.migrations.safety.AlterAction.AddConstraint;
import dev.migrations.safety.ParsedStatement.AlterTable;
import dev.migrations.safety.ParsedStatement.CreateIndex;
import org.jspecify.annotations.Nullable;

/**
 * The MariaDB and MySQL hazards: {@code mysql-column-type-copy}, {@code mysql-not-null-without-default},
 * {@code mysql-foreign-key-without-index} and {@code mysql-index-without-lock-none}. There the lock queue of a
 * statement is the metadata lock queue, and what blocks writes for long is a table copy ({@code ALGORITHM=COPY}) or an
 * index build without {@code LOCK=NONE}; asking for {@code ALGORITHM=INSTANT/INPLACE} and {@code LOCK=NONE} makes the
 * server refuse at once instead. Operations on a table created earlier in the same migration are never reported.
 */
final class MySqlRules implements Rule {

	private static final Pattern ONLINE_ALGORITHM = Pattern.compile("algorithm\\s*=?\\s*(instant|inplace|nocopy)");

	private static final Pattern LOCK_NONE = Pattern.compile("lock\\s*=?\\s*none");

	private static final Pattern ADD_INDEX = Pattern
		.compile("^add\\s+(unique\\s+|fulltext\\s+|spatial\\s+)?(index|key)\\b.*?\\(\\s*[`\"]?([^`\"\\s,)]+)");

	/** The first column of each index the migration built: a foreign key on it finds its index. */
	private final List<String> indexed = new ArrayList<>();

	@Override
	public void inspect(ParsedStatement statement, Analysis analysis) {
		String lower = statement.text().toLowerCase(Locale.ROOT);
		if (statement instanceof CreateIndex create) {
			if (!create.columns().isEmpty()) {
				this.indexed.add(key(create.table(), create.columns().get(0)));
			}
			if (!analysis.isNew(create.table()) && !LOCK_NONE.matcher(lower).find()) {
				indexWithoutLockNone(create.table(), analysis);
			}
		}
		else if (statement instanceof AlterTable alter) {
			alter(alter, lower, analysis);
		}
	}

	private void alter(AlterTable alter, String lower, Analysis analysis) {
		QualifiedName table = alter.table();
		boolean fresh = analysis.isNew(table);
		boolean online = ONLINE_ALGORITHM.matcher(lower).find();
		for (AlterAction action : alter.actions()) {
			String text = action.text().trim().toLowerCase(Locale.ROOT);
			var addIndex = ADD_INDEX.matcher(text);
			if (addIndex.find()) {
				this.indexed.add(key(table, addIndex.group(3)));
				if (!fresh && !LOCK_NONE.matcher(lower).find()) {
					indexWithoutLockNone(table, analysis);
				}
			}
			if (fresh) {
				continue;
			}
			if (action instanceof AddColumn add && add.column().notNull() && !add.column().hasDefault()
					&& !add.column().identity() && add.column().generated() == null) {
				analysis.report(SafetyCheck.MYSQL_NOT_NULL_WITHOUT_DEFAULT, table, add.column().name(),
						"ADD COLUMN " + Identifiers.sql(add.column().name()) + " NOT NULL without DEFAULT on existing "
								+ "table " + table + ": MariaDB before 10.3 and MySQL before 8.0.12 copy the table "
								+ "to add it, and later versions fill every existing row with the type's implicit "
								+ "default (0, '' or a zero date).",
						"Add it nullable (or with an explicit DEFAULT) with ALGORITHM=INSTANT, backfill it in batches "
								+ "(" + StarterHelpers.BACKFILL + "), then make it NOT NULL in a later migration.");
			}
			else if (action instanceof AddConstraint add && add.constraint().kind() == ConstraintSpec.Kind.FOREIGN_KEY
					&& !add.constraint().columns().isEmpty()) {
				String column = add.constraint().columns().get(0);
				if (!this.indexed.contains(key(table, column))) {
					analysis.report(SafetyCheck.MYSQL_FOREIGN_KEY_WITHOUT_INDEX, table, column,
							"A foreign key on " + table + " (" + String.join(", ", add.constraint().columns())
									+ ") added without an index on its columns built first: InnoDB needs one and, "
									+ "with foreign_key_checks on, copies the table to add the key, blocking "
									+ "writes for the whole copy.",
							"First build the index online: CREATE INDEX ... ON " + table + " ("
									+ String.join(", ", add.constraint().columns())
									+ ") ALGORITHM=INPLACE LOCK=NONE (q.addIndex does); then add the foreign key in a "
									+ "later migration, after checking that every row has its parent.");
				}
			}
			else if ((text.startsWith("modify") || text.startsWith("change")) && !online) {
				analysis.report(SafetyCheck.MYSQL_COLUMN_TYPE_COPY, table, null,
						"ALTER TABLE " + table + " " + Analysis.excerpt(action.text()) + " without ALGORITHM=INSTANT "
								+ "or INPLACE: unless the change only widens a VARCHAR within its length byte or "
								+ "changes metadata, the server copies the table and blocks writes to it meanwhile.",
						"Ask for ALGORITHM=INSTANT (or INPLACE, LOCK=NONE) so that the server refuses a copy at once: "
								+ "ALTER TABLE " + table + " " + action.text().trim() + ", ALGORITHM=INSTANT. If it "
								+ "needs a copy, add a new column, backfill it in batches, and switch to it (expand "
								+ "and contract), or use an online schema change tool (gh-ost, pt-online-schema-change).");
			}
		}
	}

	private static void indexWithoutLockNone(QualifiedName table, Analysis analysis) {
		analysis.report(SafetyCheck.MYSQL_INDEX_WITHOUT_LOCK_NONE, table, null,
				"An index built on existing table " + table + " without LOCK=NONE: the server may build it with a "
						+ "shared lock or by copying the table, blocking every write until it is done.",
				"Add ALGORITHM=INPLACE LOCK=NONE to the statement (q.addIndex does), so that the server builds it "
						+ "online or refuses at once.");
	}

	private static String key(@Nullable QualifiedName table, String column) {
		return ((table != null) ? table.name() : "") + "." + column.toLowerCase(Locale.ROOT);
	}

}
