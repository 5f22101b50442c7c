package dev.migrations.safety;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.migrations.safety.SafetyChecksTests.analyze;
import static dev.migrations.safety.SafetyChecksTests.assertNone;
import static dev.migrations.safety.SafetyChecksTests.ids;
import static dev.migrations.safety.SafetyChecksTests.single;
import static org.assertj.core.api.Assertions.assertThat;

/** The checks of statements that rewrite, empty or lock a whole table (issue 15, catalogue gaps). */
class WholeTableChecksTests {

	private static final boolean TRANSACTIONAL = true;

	private static final boolean NON_TRANSACTIONAL = false;

	@Test
	void vacuumFull() {
		Finding finding = single("vacuum-full", NON_TRANSACTIONAL, "VACUUM FULL orders");
		assertThat(finding.table()).isEqualTo("orders");
		assertThat(finding.message()).contains("orders").contains("ACCESS EXCLUSIVE");
		assertThat(finding.safeAlternative()).contains("pg_repack --dbname=<db> --table=orders").contains("VACUUM orders");
		assertThat(single("vacuum-full", TRANSACTIONAL, "VACUUM (FULL, ANALYZE) orders").message())
			.contains("cannot run inside a transaction block");
		assertThat(single("vacuum-full", NON_TRANSACTIONAL, "VACUUM FULL").message()).contains("every table");
	}

	@Test
	void plainVacuumAndVacuumFullOfANewTablePass() {
		assertNone(NON_TRANSACTIONAL, "VACUUM orders", "VACUUM (ANALYZE, FULL false) orders");
		assertNone(TRANSACTIONAL, "CREATE TABLE t (id int)", "VACUUM FULL t");
	}

	@Test
	void cluster() {
		Finding finding = single("cluster-table", TRANSACTIONAL, "CLUSTER orders USING orders_created_idx");
		assertThat(finding.table()).isEqualTo("orders");
		assertThat(finding.message()).contains("CLUSTER orders USING orders_created_idx").contains("ACCESS EXCLUSIVE");
		assertThat(finding.safeAlternative()).contains("pg_repack --dbname=<db> --table=orders --order-by=");
		assertThat(single("cluster-table", TRANSACTIONAL, "CLUSTER").message()).contains("every previously clustered");
		assertNone(TRANSACTIONAL, "CREATE TABLE t (id int)", "CLUSTER t USING t_pkey");
	}

	@Test
	void setUnloggedAndLogged() {
		Finding unlogged = single("set-logged-unlogged", TRANSACTIONAL, "ALTER TABLE events SET UNLOGGED");
		assertThat(unlogged.table()).isEqualTo("events");
		assertThat(unlogged.message()).contains("SET UNLOGGED").contains("not replicated").contains("ACCESS EXCLUSIVE");
		assertThat(unlogged.safeAlternative()).contains("CREATE UNLOGGED TABLE events_new (LIKE events INCLUDING ALL)");
		assertThat(single("set-logged-unlogged", TRANSACTIONAL, "ALTER TABLE app.events SET LOGGED").message())
			.contains("WAL");
		assertNone(TRANSACTIONAL, "CREATE UNLOGGED TABLE t (id int)", "ALTER TABLE t SET LOGGED");
	}

	@Test
	void truncate() {
		Finding finding = single("truncate-table", TRANSACTIONAL, "TRUNCATE sessions");
		assertThat(finding.table()).isEqualTo("sessions");
		assertThat(finding.message()).contains("every row").contains("ACCESS EXCLUSIVE");
		assertThat(finding.safeAlternative()).contains("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions")
			.contains("deleteInBatches");
		assertThat(single("truncate-table", TRANSACTIONAL, "TRUNCATE TABLE users CASCADE").message())
			.contains("CASCADE also empties every table with a foreign key to users");
		assertThat(ids(analyze(TRANSACTIONAL, "TRUNCATE a, b"))).containsExactly("truncate-table", "truncate-table");
		assertNone(TRANSACTIONAL, "CREATE TABLE staging (id int)", "TRUNCATE staging");
	}

	@Test
	void lockTable() {
		Finding finding = single("lock-table", TRANSACTIONAL, "LOCK TABLE orders");
		assertThat(finding.table()).isEqualTo("orders");
		assertThat(finding.message()).contains("IN ACCESS EXCLUSIVE MODE").contains("every read and every write");
		assertThat(finding.safeAlternative()).contains("LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE;");
		assertThat(single("lock-table", TRANSACTIONAL, "LOCK orders IN SHARE MODE").message())
			.contains("every INSERT, UPDATE and DELETE");
		assertThat(single("lock-table", NON_TRANSACTIONAL, "LOCK TABLE orders IN EXCLUSIVE MODE").message())
			.contains("can only be used in transaction blocks");
	}

	@Test
	void weakLockModesAndNewTablesPass() {
		assertNone(TRANSACTIONAL, "LOCK TABLE orders IN ACCESS SHARE MODE", "LOCK orders IN ROW EXCLUSIVE MODE",
				"LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE");
		assertNone(TRANSACTIONAL, "CREATE TABLE t (id int)", "LOCK TABLE t");
	}

	@Test
	void aTruncateOrStrongLockCountsAsASchemaChangeForLaterBackfills() {
		assertThat(ids(analyze(TRANSACTIONAL, "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE",
				"UPDATE orders SET a = 1 WHERE id < 100")))
			.containsExactly("lock-table", "backfill-in-ddl-transaction");
	}

	@Test
	void findingsAreAcknowledgeable() {
		List<Finding> findings = analyze(TRANSACTIONAL, "TRUNCATE sessions", "VACUUM FULL orders");
		SafetyReview review = SafetyReview.of(findings, List.of(Acknowledgement.of("truncate-table", "emptied on purpose"),
				Acknowledgement.of("vacuum-full", "tiny table")));
		assertThat(review.unacknowledged()).isEmpty();
		assertThat(review.historyText()).contains("truncate-table: emptied on purpose");
	}

}
