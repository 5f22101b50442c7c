package dev.migrations.safety;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.migrations.safety.SafetyChecksTests.analyze;
import static dev.migrations.safety.SafetyChecksTests.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements inside DO blocks and the routines a migration creates and calls are checked like any other; what the
 * checks cannot see through is reported as unanalysed.
 */
class RoutineBodyChecksTests {

	private static final boolean TRANSACTIONAL = true;

	private static final boolean NON_TRANSACTIONAL = false;

	@Test
	void aForeignKeyInADoBlockIsFlaggedLikeOutside() {
		List<Finding> findings = analyze(TRANSACTIONAL, """
				DO $$
				BEGIN
				  ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
				END $$""");
		assertThat(ids(findings)).containsExactly("add-foreign-key-validated");
		assertThat(findings.get(0).sql())
			.isEqualTo("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)");
		assertThat(findings.get(0).table()).isEqualTo("orders");
	}

	@Test
	void theIdempotentGuardPatternIsSeenThrough() {
		SafetyAnalysis analysis = examine(TRANSACTIONAL, """
				DO $body$
				DECLARE
				  found boolean := false;
				BEGIN
				  <<guard>>
				  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_total_check') THEN
				    found := true;
				    ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total > 0);
				  ELSIF found THEN
				    RAISE NOTICE 'x; y';
				  ELSE
				    UPDATE orders SET total = 0;
				  END IF;
				  FOR i IN 1..3 LOOP
				    PERFORM pg_sleep(0);
				  END LOOP;
				EXCEPTION WHEN duplicate_object THEN
				  NULL;
				END $body$""");
		assertThat(ids(analysis.findings())).containsExactly("add-check-constraint-validated", "update-without-where",
				"backfill-in-ddl-transaction");
		assertThat(analysis.unanalysed()).isEmpty();
	}

	@Test
	void aNewTableInADoBlockIsNew() {
		assertThat(analyze(TRANSACTIONAL, "DO $$ BEGIN CREATE TABLE t (id int); CREATE INDEX t_idx ON t (id); END $$",
				"CREATE INDEX t_id2_idx ON t (id)")).isEmpty();
	}

	@Test
	void aLiteralExecuteIsAnalysedAndADynamicOneIsUnanalysed() {
		SafetyAnalysis analysis = examine(TRANSACTIONAL, """
				DO $$
				DECLARE r record;
				BEGIN
				  EXECUTE 'ALTER TABLE orders DROP COLUMN legacy';
				  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
				    EXECUTE format('ALTER TABLE %I DROP COLUMN legacy', r.tablename);
				  END LOOP;
				END $$""");
		assertThat(ids(analysis.findings())).containsExactly("drop-column");
		assertThat(analysis.unanalysed()).singleElement().satisfies((unanalysed) -> {
			assertThat(unanalysed.sql()).startsWith("EXECUTE format('ALTER TABLE %I DROP COLUMN legacy'");
			assertThat(unanalysed.reason()).contains("built at run time").contains("the DO block");
			assertThat(unanalysed.statementIndex()).isZero();
			assertThat(unanalysed.describe()).startsWith("migration 20240101_test, statement 1: EXECUTE format(");
		});
	}

	@Test
	void concurrentlyInADoBlockFailsEvenInANonTransactionalMigration() {
		List<Finding> findings = analyze(NON_TRANSACTIONAL,
				"DO $$ BEGIN CREATE INDEX CONCURRENTLY i ON orders (a); END $$");
		assertThat(ids(findings)).containsExactly("concurrently-in-transaction");
		assertThat(findings.get(0).message()).contains("inside the DO block").contains("cannot be executed from a function");
	}

	@Test
	void aBodyInAnotherLanguageOrUnreadableIsUnanalysed() {
		assertThat(examine(TRANSACTIONAL, "DO LANGUAGE plpython3u $$ plpy.execute('TRUNCATE t') $$").unanalysed())
			.singleElement()
			.satisfies((unanalysed) -> assertThat(unanalysed.reason()).contains("LANGUAGE plpython3u"));
		assertThat(examine(TRANSACTIONAL, "DO $$ BEGIN SELECT 'unterminated; END $$").unanalysed()).singleElement()
			.satisfies((unanalysed) -> assertThat(unanalysed.reason()).contains("could not be read"));
	}

	@Test
	void aRoutineIsAnalysedWhereTheMigrationCallsIt() {
		SafetyAnalysis created = examine(TRANSACTIONAL,
				"CREATE PROCEDURE cleanup() LANGUAGE plpgsql AS $$ BEGIN DELETE FROM sessions; END $$",
				"CREATE FUNCTION archive() RETURNS void LANGUAGE sql AS 'TRUNCATE audit_log'");
		assertThat(created.findings()).isEmpty();
		assertThat(created.unanalysed()).isEmpty();
		SafetyAnalysis called = examine(TRANSACTIONAL,
				"CREATE PROCEDURE cleanup() LANGUAGE plpgsql AS $$ BEGIN DELETE FROM sessions; END $$",
				"CREATE FUNCTION archive() RETURNS void LANGUAGE sql AS 'TRUNCATE audit_log'", "CALL cleanup()",
				"SELECT archive()");
		assertThat(called.findings()).extracting(Finding::checkId, Finding::statementIndex)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("delete-without-where", 2),
					org.assertj.core.groups.Tuple.tuple("backfill-in-ddl-transaction", 2),
					org.assertj.core.groups.Tuple.tuple("truncate-table", 3));
		assertThat(ids(analyze(TRANSACTIONAL,
				"CREATE PROCEDURE p() BEGIN ATOMIC ALTER TABLE orders DROP COLUMN x; END", "CALL p()")))
			.containsExactly("drop-column");
	}

	@Test
	void aProcedureTheMigrationDoesNotCreateIsUnanalysed() {
		assertThat(examine(TRANSACTIONAL, "CALL maintenance.rebuild_everything()").unanalysed()).singleElement()
			.satisfies((unanalysed) -> assertThat(unanalysed.reason()).contains("maintenance.rebuild_everything")
				.contains("does not create"));
	}

	@Test
	void aRecursiveRoutineIsFollowedOnlySoDeep() {
		SafetyAnalysis analysis = examine(TRANSACTIONAL,
				"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT f()'", "SELECT f()");
		assertThat(analysis.unanalysed()).singleElement()
			.satisfies((unanalysed) -> assertThat(unanalysed.reason()).contains("nested too deep"));
	}

	@Test
	void unknownStatementsAndUnreadableOnesAreUnanalysed() {
		SafetyAnalysis analysis = examine(TRANSACTIONAL, "FROBNICATE orders", "SELECT 'unterminated",
				"ALTER TABLE orders SET TABLESPACE slow_disks", "EXECUTE prepared_thing(1)", "ALTER TABLE",
				"SELECT U&'\\zzzz'");
		assertThat(analysis.unanalysed()).extracting(UnanalysedStatement::statementIndex)
			.containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(analysis.unanalysed().get(0).reason()).contains("FROBNICATE");
		assertThat(analysis.unanalysed().get(1).reason()).contains("could not be read");
		assertThat(analysis.unanalysed().get(2).reason()).contains("SET TABLESPACE slow_disks");
		assertThat(analysis.unanalysed().get(4).reason()).contains("expected a name");
	}

	@Test
	void knownSafeStatementsAreNotUnanalysed() {
		assertThat(examine(TRANSACTIONAL, "SELECT 1", "INSERT INTO t VALUES (1)", "GRANT SELECT ON t TO r",
				"COMMENT ON TABLE t IS 'x'", "CREATE VIEW v AS SELECT 1", "DROP FUNCTION IF EXISTS f()",
				"SET LOCAL lock_timeout = '1s'", "ALTER TABLE orders OWNER TO app, ENABLE ROW LEVEL SECURITY",
				"ALTER TABLE orders ALTER COLUMN a SET STATISTICS 500", "CREATE EXTENSION IF NOT EXISTS pgcrypto",
				"ANALYZE orders", "REFRESH MATERIALIZED VIEW CONCURRENTLY mv", "ALTER SEQUENCE s RESTART",
				"DO $$ BEGIN RAISE NOTICE 'hi'; END $$").unanalysed()).isEmpty();
	}

	@Test
	void theGateKeepsTheUnanalysedStatementsInItsReview() {
		SafetyReview review = new SafetyGate(new SafetyAnalyzer(), SafetyMode.FAIL)
			.review(MigrationUnderAnalysis.of("m", true, "CALL somewhere_else()"), List.of());
		assertThat(review.blocking()).isEmpty();
		assertThat(review.unanalysed()).hasSize(1);
	}

	@Test
	void secretsAreRedactedInExcerpts() {
		SafetyAnalysis analysis = examine(TRANSACTIONAL,
				"DO $$ BEGIN EXECUTE 'CREATE ROLE a PASSWORD ''s3cret''' || current_user; END $$");
		assertThat(analysis.unanalysed()).singleElement()
			.satisfies((unanalysed) -> assertThat(unanalysed.sql()).doesNotContain("s3cret"));
	}

	private static SafetyAnalysis examine(boolean transactional, String... sql) {
		return new SafetyAnalyzer().examine(MigrationUnderAnalysis.of("20240101_test", transactional, sql));
	}

}
