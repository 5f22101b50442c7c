package dev.migrations.safety;

import java.util.List;
import java.util.stream.Collectors;

import dev.migrations.safety.ParsedStatement.CreateIndex;
import dev.migrations.safety.ParsedStatement.DropIndex;
import dev.migrations.safety.ParsedStatement.Reindex;
import org.jspecify.annotations.Nullable;

/**
 * {@code add-index-non-concurrently}, {@code drop-index-non-concurrently}, {@code reindex-non-concurrently} and
 * {@code concurrently-in-transaction}.
 */
final class IndexRules implements Rule {

	@Override
	public void inspect(ParsedStatement statement, Analysis analysis) {
		if (statement instanceof CreateIndex create) {
			createIndex(create, analysis);
		}
		else if (statement instanceof DropIndex drop) {
			dropIndex(drop, analysis);
		}
		else if (statement instanceof Reindex reindex) {
			reindex(reindex, analysis);
		}
	}

	private void createIndex(CreateIndex create, Analysis analysis) {
		String name = (create.name() != null) ? create.name() : create.table().name() + "_"
				+ String.join("_", create.columns()) + "_idx";
		if (create.concurrently()) {
			concurrentlyInTransaction("CREATE INDEX CONCURRENTLY " + Identifiers.sql(name), create.table(), analysis,
					"If the build fails it leaves an INVALID index behind: drop it with DROP INDEX CONCURRENTLY IF "
							+ "EXISTS " + Identifiers.sql(name) + " before running the migration again.");
			return;
		}
		if (analysis.isNew(create.table())) {
			return;
		}
		String partitioned = create.only() ? "\nOn a partitioned table CONCURRENTLY is not available for the parent: "
				+ "create the index CONCURRENTLY on each partition, CREATE INDEX ... ON ONLY the parent (instant), "
				+ "then ALTER INDEX parent_index ATTACH PARTITION each partition's index." : "";
		analysis.report(SafetyCheck.ADD_INDEX_NON_CONCURRENTLY, create.table(), null,
				"CREATE " + (create.unique() ? "UNIQUE " : "") + "INDEX " + Identifiers.sql(name)
						+ " without CONCURRENTLY on existing table " + create.table()
						+ " holds a SHARE lock on " + create.table()
						+ " for the whole build: every INSERT, UPDATE and DELETE on it waits until the index is built.",
				"Build it concurrently, in " + StarterHelpers.NON_TRANSACTIONAL + " (ideally a migration of its own):\n"
						+ "  " + create.concurrentText() + ";\n"
						+ "With the starter: " + StarterHelpers.addIndexConcurrently(create.table().name(),
								create.columns(), create.unique(), name) + ".\n"
						+ "If a concurrent build fails it leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY "
						+ "IF EXISTS " + Identifiers.sql(name) + " and run the migration again." + partitioned);
	}

	private void dropIndex(DropIndex drop, Analysis analysis) {
		String names = drop.names().stream().map(QualifiedName::sql).collect(Collectors.joining(", "));
		if (drop.concurrently()) {
			concurrentlyInTransaction("DROP INDEX CONCURRENTLY " + names, null, analysis, "");
			return;
		}
		List<QualifiedName> existing = drop.names().stream().filter((name) -> !analysis.isNewIndex(name)).toList();
		if (existing.isEmpty()) {
			return;
		}
		String statements = existing.stream()
			.map((name) -> "  DROP INDEX CONCURRENTLY IF EXISTS " + name.sql() + ";")
			.collect(Collectors.joining("\n"));
		analysis.report(SafetyCheck.DROP_INDEX_NON_CONCURRENTLY, null, null,
				"DROP INDEX " + names + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table of "
						+ ((existing.size() > 1) ? "each index" : "the index")
						+ ": it waits for every running query on the table, and every query that comes after waits "
						+ "for it.",
				"Drop it concurrently, one index per statement, in " + StarterHelpers.NON_TRANSACTIONAL + ":\n"
						+ statements + "\n"
						+ "With the starter: " + StarterHelpers.removeIndexConcurrently(existing.get(0).name())
						+ ".");
	}

	private void reindex(Reindex reindex, Analysis analysis) {
		if (reindex.concurrently()) {
			concurrentlyInTransaction("REINDEX " + reindex.target().toUpperCase(java.util.Locale.ROOT)
					+ " CONCURRENTLY " + reindex.name(), null, analysis, "");
			return;
		}
		boolean isNew = (reindex.target().equals("table") && analysis.isNew(reindex.name()))
				|| (reindex.target().equals("index") && analysis.isNewIndex(reindex.name()));
		if (isNew || !(reindex.target().equals("table") || reindex.target().equals("index"))) {
			return;
		}
		analysis.report(SafetyCheck.REINDEX_NON_CONCURRENTLY, reindex.target().equals("table") ? reindex.name() : null,
				null,
				"REINDEX " + reindex.target().toUpperCase(java.util.Locale.ROOT) + " " + reindex.name()
						+ " without CONCURRENTLY locks out writes to the table, and reads that would use the index, "
						+ "for the whole rebuild.",
				"Rebuild it concurrently (PostgreSQL 12+), in " + StarterHelpers.NON_TRANSACTIONAL + ":\n"
						+ "  REINDEX " + reindex.target().toUpperCase(java.util.Locale.ROOT) + " CONCURRENTLY "
						+ reindex.name() + ";");
	}

	private void concurrentlyInTransaction(String operation, @Nullable QualifiedName table, Analysis analysis, String more) {
		if (analysis.routine() != null) {
			analysis.report(SafetyCheck.CONCURRENTLY_IN_TRANSACTION, table, null,
					operation + " is inside " + analysis.routine() + ": PostgreSQL refuses a CONCURRENTLY operation "
							+ "in a DO block or a function (\"cannot be executed from a function\", \"cannot run inside "
							+ "a transaction block\") and the migration fails.",
					"Run it as a statement of its own, outside any DO block or function, in "
							+ StarterHelpers.NON_TRANSACTIONAL + " (IF NOT EXISTS / IF EXISTS make it safe to run "
							+ "again)." + (more.isEmpty() ? "" : "\n" + more));
		}
		else if (analysis.transactional()) {
			analysis.report(SafetyCheck.CONCURRENTLY_IN_TRANSACTION, table, null,
					operation + " is in a transactional migration: PostgreSQL refuses it inside a transaction block "
							+ "(\"cannot run inside a transaction block\") and the migration fails.",
					"Make the migration non-transactional: override transactional() to return false, and keep the "
							+ "concurrent statements in a migration of their own (each statement then commits on its "
							+ "own, so the migration must be safe to run again after a partial failure: use IF NOT "
							+ "EXISTS / IF EXISTS)." + (more.isEmpty() ? "" : "\n" + more));
		}
		else if (analysis.sharedCall()) {
			analysis.report(SafetyCheck.CONCURRENTLY_IN_TRANSACTION, table, null,
					operation + " is sent in one call together with other statements: the driver sends them as one "
							+ "pipeline, which PostgreSQL runs as an implicit transaction block; it refuses the "
							+ "CONCURRENTLY operation there (\"cannot be executed within a pipeline\") and may leave an "
							+ "INVALID index behind.",
					"Run it as a statement of its own: one q.sql(...) call (or one DSL operation) per concurrent "
							+ "statement, in " + StarterHelpers.NON_TRANSACTIONAL + "." + (more.isEmpty() ? "" : "\n" + more));
		}
	}

}
