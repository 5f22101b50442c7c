package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.safety.Analysis.TableChange;
import dev.migrations.safety.ParsedStatement.Delete;
import dev.migrations.safety.ParsedStatement.Update;

/** {@code update-without-where}, {@code delete-without-where} and {@code backfill-in-ddl-transaction}. */
final class DataRules implements Rule {

	private final List<DataChange> changes = new ArrayList<>();

	@Override
	public void inspect(ParsedStatement statement, Analysis analysis) {
		if (statement instanceof Update update && !analysis.isNew(update.table())) {
			if (!update.hasWhere()) {
				analysis.report(SafetyCheck.UPDATE_WITHOUT_WHERE, update.table(), null,
						"UPDATE of every row of existing table " + update.table()
								+ " in one statement: all rows stay locked against concurrent writes until it "
								+ "commits, and the table doubles in size until vacuum catches up.",
						"Update in batches, each committed on its own, in " + StarterHelpers.NON_TRANSACTIONAL
								+ "; repeat until a batch updates no row:\n"
								+ "  UPDATE " + update.table() + " SET ... WHERE id IN (SELECT id FROM "
								+ update.table() + " WHERE <not yet updated> ORDER BY id LIMIT 10000);\n"
								+ "With the starter: " + StarterHelpers.BACKFILL + " in "
								+ StarterHelpers.NON_TRANSACTIONAL + ".");
			}
			this.changes.add(new DataChange(update.table(), "UPDATE", analysis.statementIndex(),
					Analysis.excerpt(update.text())));
		}
		else if (statement instanceof Delete delete && !analysis.isNew(delete.table())) {
			if (!delete.hasWhere()) {
				analysis.report(SafetyCheck.DELETE_WITHOUT_WHERE, delete.table(), null,
						"DELETE of every row of existing table " + delete.table()
								+ " in one statement: all rows stay locked against concurrent writes until it commits.",
						"Delete in batches, each committed on its own, in " + StarterHelpers.NON_TRANSACTIONAL
								+ "; repeat until a batch deletes no row:\n"
								+ "  DELETE FROM " + delete.table() + " WHERE id IN (SELECT id FROM " + delete.table()
								+ " WHERE <condition> ORDER BY id LIMIT 10000);\n"
								+ "With the starter: " + StarterHelpers.DELETE_IN_BATCHES + ". To empty the table on "
								+ "purpose, TRUNCATE " + delete.table() + " is instant (with a brief ACCESS EXCLUSIVE "
								+ "lock); acknowledge it.");
			}
			this.changes.add(new DataChange(delete.table(), "DELETE", analysis.statementIndex(),
					Analysis.excerpt(delete.text())));
		}
	}

	@Override
	public void finish(Analysis analysis) {
		TableChange ddl = analysis.firstSchemaChange(null);
		if (!analysis.transactional() || ddl == null) {
			return;
		}
		for (DataChange change : this.changes) {
			analysis.report(SafetyCheck.BACKFILL_IN_DDL_TRANSACTION, change.statementIndex(), change.sql(),
					change.table(),
					change.kind() + " of existing table " + change.table() + " runs in the same transaction as a schema "
							+ "change of an existing table (" + Analysis.ordinal(ddl.statementIndex()) + ": " + ddl.sql()
							+ "): the locks of both are held until the whole migration commits, so the tables stay "
							+ "blocked for as long as the data change runs.",
					"Keep schema changes and data changes apart: change the schema in one (transactional) migration, "
							+ "then change the data in a migration of its own whose transactional() returns false, in "
							+ "batches that each commit (UPDATE ... WHERE id IN (SELECT id ... LIMIT 10000), "
							+ "repeated).\n"
							+ "With the starter: " + StarterHelpers.BACKFILL + ".");
		}
	}

	private record DataChange(QualifiedName table, String kind, int statementIndex, String sql) {
	}

}
