package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.schema.SqlStatement;
import org.junit.jupiter.api.Test;

import static dev.migrations.safety.SafetyChecksTests.analyze;
import static dev.migrations.safety.SafetyChecksTests.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The analyser as a whole: tables created in the migration, unknown SQL, statement positions. */
class SafetyAnalyzerTests {

	@Test
	void nothingDoneToATableCreatedEarlierInTheMigrationIsFlagged() {
		assertThat(analyze(true, """
				CREATE TABLE "Orders" (id bigint PRIMARY KEY, user_id bigint, status text, total numeric(10,2), data json);
				CREATE INDEX orders_user_idx ON "Orders" (user_id);
				ALTER TABLE "Orders" ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
				ALTER TABLE "Orders" ADD CONSTRAINT orders_total_check CHECK (total > 0);
				ALTER TABLE "Orders" ADD CONSTRAINT orders_status_key UNIQUE (status);
				ALTER TABLE "Orders" ALTER COLUMN status SET NOT NULL;
				ALTER TABLE "Orders" ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid();
				ALTER TABLE "Orders" ADD COLUMN seq bigserial;
				ALTER TABLE "Orders" ADD COLUMN note text NOT NULL;
				ALTER TABLE "Orders" ALTER COLUMN total TYPE numeric(8,2);
				ALTER TABLE "Orders" RENAME COLUMN note TO remark;
				ALTER TABLE "Orders" DROP COLUMN remark;
				UPDATE "Orders" SET status = 'new';
				DELETE FROM "Orders";
				DROP INDEX orders_user_idx;
				ALTER TABLE "Orders" RENAME TO orders_v2;
				""")).isEmpty();
	}

	@Test
	void theSameNameUnquotedIsAnotherTable() {
		assertThat(ids(analyze(true, "CREATE TABLE \"Orders\" (id bigint)", "CREATE INDEX i ON orders (id)")))
			.containsExactly("add-index-non-concurrently");
	}

	@Test
	void aTableCreatedInAnotherSchemaIsAnotherTable() {
		assertThat(ids(analyze(true, "CREATE TABLE app.orders (id bigint)", "CREATE INDEX i ON billing.orders (id)")))
			.containsExactly("add-index-non-concurrently");
		assertThat(analyze(true, "CREATE TABLE app.orders (id bigint)", "CREATE INDEX i ON orders (id)")).isEmpty();
	}

	@Test
	void aStatementIsNotItsOwnHistory() {
		assertThat(ids(analyze(true, "CREATE INDEX i ON orders (id)", "CREATE TABLE orders2 (id bigint)")))
			.containsExactly("add-index-non-concurrently");
	}

	@Test
	void unknownAndBrokenStatementsDoNotCrash() {
		// VACUUM FULL and DO blocks are analysed now (issue 15): see WholeTableChecksTests and RoutineBodyChecksTests
		assertThat(analyze(true, "VACUUM orders", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
				"DO $$ BEGIN UPDATE orders SET a = 1 WHERE id = 1; END $$", "SELECT 'unterminated", "ALTER TABLE", "GRANT SELECT ON t TO r",
				"CREATE INDEX", "COMMENT ON TABLE orders IS 'x; y'", "", "  -- only a comment", "ALTER TABLE t ADD")).isEmpty();
	}

	@Test
	void everyStatementOfAScriptIsAnalysedAndNamedByItsPosition() {
		List<Finding> findings = new SafetyAnalyzer().analyze(new MigrationUnderAnalysis("20240102_many", true,
				List.of(SqlStatement.of("CREATE TABLE a (id int)"),
						SqlStatement.of("ALTER TABLE orders DROP COLUMN x; ALTER TABLE users DROP COLUMN y"),
						SqlStatement.of("UPDATE orders SET a = ? WHERE id = ?", 1, 2))));
		assertThat(findings).extracting(Finding::checkId, Finding::statementIndex, Finding::table, Finding::column)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("drop-column", 1, "orders", "x"),
					org.assertj.core.groups.Tuple.tuple("drop-column", 1, "users", "y"),
					org.assertj.core.groups.Tuple.tuple("backfill-in-ddl-transaction", 2, "orders", null));
		assertThat(findings.get(1).sql()).isEqualTo("ALTER TABLE users DROP COLUMN y");
	}

	@Test
	void quotedNamesAreNamedAsSql() {
		List<Finding> findings = analyze(true, "ALTER TABLE \"public\".\"Order Lines\" DROP COLUMN \"Old\"");
		assertThat(findings.get(0).table()).isEqualTo("public.\"Order Lines\"");
		assertThat(findings.get(0).column()).isEqualTo("Old");
		assertThat(findings.get(0).message()).contains("public.\"Order Lines\".\"Old\"");
	}

	@Test
	void severalChecksOnOneAlterTable() {
		assertThat(ids(analyze(true,
				"ALTER TABLE orders ADD COLUMN a uuid DEFAULT gen_random_uuid(), ALTER COLUMN b SET NOT NULL, DROP COLUMN c")))
			.containsExactlyInAnyOrder("add-volatile-default", "set-not-null", "drop-column");
	}

	@Test
	void everyCheckHasAUniqueKebabCaseId() {
		List<String> ids = new ArrayList<>(SafetyCheck.ids());
		assertThat(ids).doesNotHaveDuplicates().allMatch((id) -> id.matches("[a-z]+(-[a-z]+)*"));
		assertThat(SafetyCheck.byId("DROP-COLUMN")).contains(SafetyCheck.DROP_COLUMN);
	}

	@Test
	void findingDescriptionSaysWhatWhyTheSafeWayAndHowToAcknowledge() {
		Finding finding = analyze(true, "CREATE INDEX orders_user_id_idx ON orders (user_id)").get(0);
		assertThat(finding.describe()).contains("[add-index-non-concurrently] migration 20240101_test, statement 1")
			.contains("What: CREATE INDEX orders_user_id_idx")
			.contains("Why: blocks every write")
			.contains("CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);")
			.contains("@Acknowledge(check = \"add-index-non-concurrently\", reason = ");
	}

}
