package dev.migrations.safety;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.migrations.safety.AlterAction.SetPersistence;
import dev.migrations.safety.ParsedStatement.AlterTable;
import dev.migrations.safety.ParsedStatement.Cluster;
import dev.migrations.safety.ParsedStatement.LockTable;
import dev.migrations.safety.ParsedStatement.Truncate;
import dev.migrations.safety.ParsedStatement.Vacuum;

/**
 * {@code vacuum-full}, {@code cluster-table}, {@code set-logged-unlogged}, {@code truncate-table} and
 * {@code lock-table}: statements that rewrite, empty or lock a whole table.
 */
final class WholeTableRules implements Rule {

	/** The lock modes that block writes, and what each blocks. */
	private static final Map<String, String> BLOCKING_MODES = Map.of("SHARE", "every INSERT, UPDATE and DELETE",
			"SHARE ROW EXCLUSIVE", "every INSERT, UPDATE and DELETE", "EXCLUSIVE",
			"every INSERT, UPDATE and DELETE (and SELECT ... FOR UPDATE)", "ACCESS EXCLUSIVE",
			"every read and every write");

	private static final String REPACK = "pg_repack";

	/** Whether a {@code LOCK TABLE} in {@code mode} blocks writes to the table. */
	static boolean blocksWrites(String mode) {
		return BLOCKING_MODES.containsKey(mode);
	}

	@Override
	public void inspect(ParsedStatement statement, Analysis analysis) {
		if (statement instanceof Vacuum vacuum && vacuum.full()) {
			vacuumFull(vacuum, analysis);
		}
		else if (statement instanceof Cluster cluster) {
			cluster(cluster, analysis);
		}
		else if (statement instanceof Truncate truncate) {
			truncate(truncate, analysis);
		}
		else if (statement instanceof LockTable lock && blocksWrites(lock.mode())) {
			lock(lock, analysis);
		}
		else if (statement instanceof AlterTable alter && !analysis.isNew(alter.table())) {
			alter.actions()
				.stream()
				.filter(SetPersistence.class::isInstance)
				.map(SetPersistence.class::cast)
				.forEach((action) -> setPersistence(alter.table(), action, analysis));
		}
	}

	private void vacuumFull(Vacuum vacuum, Analysis analysis) {
		List<QualifiedName> tables = existing(vacuum.tables(), analysis);
		if (!vacuum.tables().isEmpty() && tables.isEmpty()) {
			return;
		}
		String inTransaction = analysis.transactional() ? "\nVACUUM cannot run inside a transaction block either: in "
				+ ((analysis.routine() != null) ? analysis.routine() : "a transactional migration") + " it fails."
				: "";
		if (tables.isEmpty()) {
			analysis.report(SafetyCheck.VACUUM_FULL, null, null,
					"VACUUM FULL without a table rewrites every table of the database, one after the other, each under "
							+ "an ACCESS EXCLUSIVE lock: reads and writes of each table wait until its copy is "
							+ "written, and it needs disk space for a second copy of the largest table."
							+ inTransaction,
					"Reclaim space online with " + REPACK + " (pg_repack --dbname=<db>) or pg_squeeze, which rebuild "
							+ "a table while it stays in use and lock it only for a moment at the end. A plain VACUUM "
							+ "(no FULL) blocks nothing and makes dead space reusable; autovacuum usually does it. "
							+ "Either way, run it as maintenance, not in a migration.");
			return;
		}
		for (QualifiedName table : tables) {
			analysis.report(SafetyCheck.VACUUM_FULL, table, null,
					"VACUUM FULL " + table + " rewrites the whole of existing table " + table
							+ " into a new file under an ACCESS EXCLUSIVE lock: every read and write of " + table
							+ " waits until the copy is written (minutes to hours on a large table), and it needs "
							+ "disk space for a second copy." + inTransaction,
					"Reclaim the space online with " + REPACK + ":\n"
							+ "  pg_repack --dbname=<db> --table=" + table + "\n"
							+ "(or pg_squeeze), which rebuilds the table while it stays in use and locks it only for a "
							+ "moment at the end. A plain VACUUM " + table + " (no FULL) blocks nothing and makes the "
							+ "dead space reusable. Either way, run it as maintenance, not in a migration.");
		}
	}

	private void cluster(Cluster cluster, Analysis analysis) {
		QualifiedName table = cluster.table();
		if (table != null && analysis.isNew(table)) {
			return;
		}
		if (table == null) {
			analysis.report(SafetyCheck.CLUSTER_TABLE, null, null,
					"CLUSTER without a table rewrites every previously clustered table of the database in index order, "
							+ "each under an ACCESS EXCLUSIVE lock: reads and writes of each wait until it is rewritten.",
					"Reorder tables online with " + REPACK + " (pg_repack --dbname=<db> --table=<table> "
							+ "--order-by=<columns>) or pg_squeeze, as maintenance, not in a migration.");
			return;
		}
		String order = (cluster.index() != null) ? " USING " + Identifiers.sql(cluster.index()) : "";
		analysis.report(SafetyCheck.CLUSTER_TABLE, table, null,
				"CLUSTER " + table + order + " rewrites the whole of existing table " + table
						+ " in index order under an ACCESS EXCLUSIVE lock: every read and write of " + table
						+ " waits until the rewrite ends, and it needs disk space for a second copy.",
				"Reorder it online with " + REPACK + ":\n"
						+ "  pg_repack --dbname=<db> --table=" + table + " --order-by=<the index's columns>\n"
						+ "(or pg_squeeze), which keeps the table in use and locks it only for a moment at the end. "
						+ "Run it as maintenance, not in a migration. (A new index needs no CLUSTER: create it "
						+ "CONCURRENTLY.)");
	}

	private void setPersistence(QualifiedName table, SetPersistence action, Analysis analysis) {
		String persistence = action.logged() ? "LOGGED" : "UNLOGGED";
		String after = action.logged()
				? "; all of it is written to the WAL at once, a burst that every replica must replay"
				: "; afterwards " + table + " is not crash-safe (it is emptied after a crash) and is not replicated: "
						+ "standbys see it empty";
		analysis.report(SafetyCheck.SET_LOGGED_UNLOGGED, table, null,
				"ALTER TABLE " + table + " SET " + persistence + " rewrites the whole of existing table " + table
						+ " under an ACCESS EXCLUSIVE lock: every read and write waits until the copy is written"
						+ after + ".",
				"There is no online form. Create a new " + (action.logged() ? "" : "UNLOGGED ") + "table and move "
						+ "the rows in batches, then swap the names in one short transaction:\n"
						+ "  CREATE " + (action.logged() ? "" : "UNLOGGED ") + "TABLE " + table.name()
						+ "_new (LIKE " + table + " INCLUDING ALL);\n"
						+ "  -- copy in batches (INSERT ... SELECT ... WHERE id > ? ORDER BY id LIMIT 10000), "
						+ "keep it in sync with a trigger\n"
						+ "  ALTER TABLE " + table + " RENAME TO " + table.name() + "_old; ALTER TABLE "
						+ table.name() + "_new RENAME TO " + table.name() + ";\n"
						+ "Or, for a small table or in a maintenance window, acknowledge it.");
	}

	private void truncate(Truncate truncate, Analysis analysis) {
		for (QualifiedName table : existing(truncate.tables(), analysis)) {
			String cascade = truncate.cascade()
					? " CASCADE also empties every table with a foreign key to " + table + ", and those tables' "
							+ "referencing tables, whatever their size."
					: "";
			analysis.report(SafetyCheck.TRUNCATE_TABLE, table, null,
					"TRUNCATE " + table + " removes every row of existing table " + table
							+ " and holds an ACCESS EXCLUSIVE lock on it until the transaction ends: running code "
							+ "that reads or writes " + table + " waits, then finds it empty." + cascade,
					"If the table is in use, delete in batches, each committed on its own, in "
							+ StarterHelpers.NON_TRANSACTIONAL + "; repeat until a batch deletes no row:\n"
							+ "  DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
							+ " ORDER BY id LIMIT 10000);\n"
							+ "With the starter: " + StarterHelpers.DELETE_IN_BATCHES + ".\n"
							+ "If emptying it is the point (nothing uses the table any more), acknowledge it.");
		}
	}

	private void lock(LockTable lock, Analysis analysis) {
		List<QualifiedName> tables = existing(lock.tables(), analysis);
		if (tables.isEmpty()) {
			return;
		}
		String names = tables.stream().map(QualifiedName::sql).collect(Collectors.joining(", "));
		String outside = analysis.transactional() ? ""
				: " Outside a transaction block PostgreSQL refuses it (\"LOCK TABLE can only be used in transaction "
						+ "blocks\"), so this non-transactional migration fails.";
		analysis.report(SafetyCheck.LOCK_TABLE, tables.get(0), null,
				"LOCK TABLE " + names + " IN " + lock.mode() + " MODE blocks " + BLOCKING_MODES.get(lock.mode())
						+ " on " + names + " until the " + ((analysis.routine() != null) ? analysis.routine() + "'s "
								: "migration's ")
						+ "transaction ends; it first waits for every running query on " + names
						+ ", and every query that comes after queues behind it." + outside,
				"Do not lock tables by hand: each DDL statement takes the lock it needs, under the migration's "
						+ "lock_timeout (retried on timeout), and holds it only until its transaction commits. Keep "
						+ "each migration short, one schema change of an existing table per migration. If the "
						+ "statements need a stable table, take the weakest mode that works, e.g.\n"
						+ "  LOCK TABLE " + names + " IN SHARE UPDATE EXCLUSIVE MODE;\n"
						+ "which blocks no reads or writes.");
	}

	private static List<QualifiedName> existing(List<QualifiedName> tables, Analysis analysis) {
		return tables.stream().filter((table) -> !analysis.isNew(table)).toList();
	}

}
