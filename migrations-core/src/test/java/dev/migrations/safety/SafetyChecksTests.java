package dev.migrations.safety;

import java.util.List;
import java.util.Optional;

import dev.migrations.schema.SqlStatement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** For each check: a statement that triggers it, and its safe form, which passes. */
class SafetyChecksTests {

	private static final boolean TRANSACTIONAL = true;

	private static final boolean NON_TRANSACTIONAL = false;

	@Nested
	class AddIndexNonConcurrently {

		@Test
		void triggers() {
			Finding finding = single("add-index-non-concurrently", TRANSACTIONAL,
					"CREATE INDEX orders_user_id_idx ON orders (user_id)");
			assertThat(finding.table()).isEqualTo("orders");
			assertThat(finding.message()).contains("orders_user_id_idx").contains("SHARE lock");
			assertThat(finding.safeAlternative())
				.contains("CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);")
				.contains("SafeOperations.on(q).addIndexConcurrently(\"orders\", index(\"user_id\").name(\"orders_user_id_idx\"))")
				.contains("transactional() returns false");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id)");
		}

	}

	@Nested
	class ConcurrentlyInTransaction {

		@Test
		void triggersInATransactionalMigration() {
			Finding finding = single("concurrently-in-transaction", TRANSACTIONAL,
					"CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id)");
			assertThat(finding.message()).contains("orders_user_id_idx").contains("transaction block");
			assertThat(finding.safeAlternative()).contains("transactional() to return false");
		}

		@Test
		void triggersForDropAndReindex() {
			assertThat(ids(analyze(TRANSACTIONAL, "DROP INDEX CONCURRENTLY i", "REINDEX INDEX CONCURRENTLY j")))
				.containsExactly("concurrently-in-transaction", "concurrently-in-transaction");
		}

		@Test
		void triggersWhenSentWithOtherStatements() {
			List<Finding> findings = analyze(NON_TRANSACTIONAL,
					"CREATE INDEX CONCURRENTLY a_idx ON orders (a); CREATE INDEX CONCURRENTLY b_idx ON orders (b)");
			assertThat(ids(findings)).containsExactly("concurrently-in-transaction", "concurrently-in-transaction");
			assertThat(findings.get(0).message()).contains("a_idx").contains("cannot be executed within a pipeline");
			assertThat(findings.get(1).sql()).isEqualTo("CREATE INDEX CONCURRENTLY b_idx ON orders (b)");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL, "CREATE INDEX CONCURRENTLY a_idx ON orders (a)",
					"CREATE INDEX CONCURRENTLY b_idx ON orders (b)");
		}

		@Test
		void renderedDslStatementPasses() {
			List<Finding> findings = new SafetyAnalyzer().analyze(new MigrationUnderAnalysis("m1", false,
					List.of(SqlStatement.nonTransactional("CREATE INDEX CONCURRENTLY \"a_idx\" ON \"public\".\"orders\" (\"a\")"))));
			assertThat(findings).isEmpty();
		}

	}

	@Nested
	class DropIndexNonConcurrently {

		@Test
		void triggers() {
			Finding finding = single("drop-index-non-concurrently", TRANSACTIONAL, "DROP INDEX orders_status_idx");
			assertThat(finding.message()).contains("orders_status_idx").contains("ACCESS EXCLUSIVE");
			assertThat(finding.safeAlternative()).contains("DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;")
				.contains("q.removeIndexConcurrently(");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL, "DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx");
		}

	}

	@Nested
	class ReindexNonConcurrently {

		@Test
		void triggers() {
			Finding finding = single("reindex-non-concurrently", TRANSACTIONAL, "REINDEX TABLE orders");
			assertThat(finding.safeAlternative()).contains("REINDEX TABLE CONCURRENTLY orders;");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL, "REINDEX TABLE CONCURRENTLY orders");
		}

	}

	@Nested
	class AddForeignKeyValidated {

		@Test
		void triggers() {
			Finding finding = single("add-foreign-key-validated", TRANSACTIONAL,
					"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)");
			assertThat(finding.table()).isEqualTo("orders");
			assertThat(finding.message()).contains("orders_user_fk").contains("users");
			assertThat(finding.safeAlternative()).contains(
					"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;")
				.contains("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;")
				.contains("notValid()")
				.contains("q.validateConstraint(\"orders\", \"orders_user_fk\")");
		}

		@Test
		void triggersWithoutAName() {
			Finding finding = single("add-foreign-key-validated", TRANSACTIONAL,
					"ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users");
			assertThat(finding.safeAlternative()).contains(
					"ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users NOT VALID;");
		}

		@Test
		void triggersForAColumnWithReferences() {
			Finding finding = single("add-foreign-key-validated", TRANSACTIONAL,
					"ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users");
			assertThat(finding.column()).isEqualTo("user_id");
			assertThat(finding.safeAlternative()).contains("ALTER TABLE orders ADD COLUMN user_id bigint;")
				.contains("FOREIGN KEY (user_id) REFERENCES users NOT VALID;");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL,
					"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID");
			assertNone(TRANSACTIONAL, "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk");
		}

	}

	@Nested
	class AddCheckConstraintValidated {

		@Test
		void triggers() {
			Finding finding = single("add-check-constraint-validated", TRANSACTIONAL,
					"ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0)");
			assertThat(finding.message()).contains("total_positive").contains("orders");
			assertThat(finding.safeAlternative())
				.contains("ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID;")
				.contains("VALIDATE CONSTRAINT total_positive;");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0) NOT VALID");
		}

	}

	@Nested
	class ValidateInSameTransaction {

		@Test
		void triggersAfterTheAddInOneTransaction() {
			List<Finding> findings = analyze(TRANSACTIONAL,
					"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users NOT VALID",
					"ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk");
			assertThat(ids(findings)).containsExactly("validate-in-same-transaction");
			assertThat(findings.get(0).statementIndex()).isEqualTo(1);
			assertThat(findings.get(0).message()).contains("orders_user_fk").contains("statement 1");
			assertThat(findings.get(0).safeAlternative()).contains("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;");
		}

		@Test
		void triggersAfterAnotherAlterOfTheTable() {
			List<Finding> findings = analyze(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN note text",
					"ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk");
			assertThat(ids(findings)).containsExactly("validate-in-same-transaction");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL,
					"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users NOT VALID",
					"ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk");
			assertNone(TRANSACTIONAL, "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk");
		}

	}

	@Nested
	class AddUniqueConstraint {

		@Test
		void triggers() {
			Finding finding = single("add-unique-constraint", TRANSACTIONAL,
					"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)");
			assertThat(finding.column()).isEqualTo("email");
			assertThat(finding.safeAlternative())
				.contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);")
				.contains("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;");
		}

		@Test
		void triggersForAUniqueColumn() {
			assertThat(ids(analyze(TRANSACTIONAL, "ALTER TABLE users ADD COLUMN handle text UNIQUE")))
				.containsExactly("add-unique-constraint");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email)",
					"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key");
		}

	}

	@Nested
	class AddPrimaryKey {

		@Test
		void triggers() {
			Finding finding = single("add-primary-key", TRANSACTIONAL, "ALTER TABLE events ADD PRIMARY KEY (id)");
			assertThat(finding.safeAlternative()).contains("PRIMARY KEY USING INDEX events_pkey").contains("NOT NULL");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL, "CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id)",
					"ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey");
		}

	}

	@Nested
	class AddExclusionConstraint {

		@Test
		void triggers() {
			Finding finding = single("add-exclusion-constraint", TRANSACTIONAL,
					"ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)");
			assertThat(finding.message()).contains("no_overlap").contains("bookings");
		}

		@Test
		void safeFormOnANewTablePasses() {
			assertNone(TRANSACTIONAL, "CREATE TABLE bookings (room int, during tstzrange)",
					"ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)");
		}

	}

	@Nested
	class SetNotNull {

		@Test
		void triggers() {
			Finding finding = single("set-not-null", TRANSACTIONAL, "ALTER TABLE orders ALTER COLUMN status SET NOT NULL");
			assertThat(finding.table()).isEqualTo("orders");
			assertThat(finding.column()).isEqualTo("status");
			assertThat(finding.safeAlternative())
				.contains("ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;")
				.contains("ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;")
				.contains("ALTER TABLE orders ALTER COLUMN status SET NOT NULL;")
				.contains("ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;")
				.contains("SafeOperations.on(q).setNotNull(\"orders\", \"status\")");
		}

		@Test
		void triggersWhenTheCheckIsNotValidatedYet() {
			assertThat(ids(analyze(TRANSACTIONAL,
					"ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID",
					"ALTER TABLE orders ALTER COLUMN status SET NOT NULL")))
				.containsExactly("set-not-null");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL,
					"ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID");
			assertNone(TRANSACTIONAL, "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null",
					"ALTER TABLE orders ALTER COLUMN status SET NOT NULL",
					"ALTER TABLE orders DROP CONSTRAINT orders_status_not_null");
		}

		@Test
		void safeFormInOneNonTransactionalMigrationPasses() {
			assertNone(NON_TRANSACTIONAL,
					"ALTER TABLE orders ADD CONSTRAINT status_present CHECK ((status IS NOT NULL)) NOT VALID",
					"ALTER TABLE orders VALIDATE CONSTRAINT status_present",
					"ALTER TABLE orders ALTER COLUMN status SET NOT NULL",
					"ALTER TABLE orders DROP CONSTRAINT status_present");
		}

	}

	@Nested
	class AddNotNullColumnWithoutDefault {

		@Test
		void triggers() {
			Finding finding = single("add-not-null-column-without-default", TRANSACTIONAL,
					"ALTER TABLE orders ADD COLUMN source varchar(20) NOT NULL");
			assertThat(finding.column()).isEqualTo("source");
			assertThat(finding.safeAlternative())
				.contains("ALTER TABLE orders ADD COLUMN source varchar(20) NOT NULL DEFAULT <constant>;")
				.contains("SafeOperations.on(q).setNotNull(\"orders\", \"source\")");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN source varchar(20) NOT NULL DEFAULT 'api'");
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN source varchar(20)");
		}

	}

	@Nested
	class AddVolatileDefault {

		@Test
		void triggers() {
			for (String function : List.of("random()", "gen_random_uuid()", "uuid_generate_v4()", "clock_timestamp()",
					"timeofday()::timestamptz", "nextval('s')")) {
				Finding finding = single("add-volatile-default", TRANSACTIONAL,
						"ALTER TABLE orders ADD COLUMN token uuid DEFAULT " + function);
				assertThat(finding.column()).isEqualTo("token");
				assertThat(finding.message()).contains(function);
				assertThat(finding.safeAlternative()).contains("ALTER TABLE orders ADD COLUMN token uuid;")
					.contains("ALTER TABLE orders ALTER COLUMN token SET DEFAULT " + function + ";")
					.contains("SafeOperations.on(q).backfill(\"orders\").set(\"token\"");
			}
		}

		@Test
		void unknownFunctionsAreTreatedAsVolatile() {
			Finding finding = single("add-volatile-default", TRANSACTIONAL,
					"ALTER TABLE orders ADD COLUMN code text DEFAULT app.next_code()");
			assertThat(finding.message()).contains("app.next_code() is not known to be stable");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()",
					"ALTER TABLE orders ADD COLUMN at2 timestamptz DEFAULT CURRENT_TIMESTAMP",
					"ALTER TABLE orders ADD COLUMN meta jsonb DEFAULT '{}'::jsonb",
					"ALTER TABLE orders ADD COLUMN token uuid",
					"ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid()");
		}

	}

	@Nested
	class AddStoredGeneratedColumn {

		@Test
		void triggers() {
			Finding finding = single("add-stored-generated-column", TRANSACTIONAL,
					"ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED");
			assertThat(finding.column()).isEqualTo("total_cents");
			assertThat(finding.safeAlternative()).contains("ALTER TABLE orders ADD COLUMN total_cents bigint;")
				.contains("NEW.total_cents := total * 100");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN total_cents bigint");
		}

	}

	@Nested
	class AddSerialColumn {

		@Test
		void triggers() {
			Finding finding = single("add-serial-column", TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN seq bigserial");
			assertThat(finding.safeAlternative()).contains("ALTER TABLE orders ADD COLUMN seq bigint;")
				.contains("CREATE SEQUENCE orders_seq_seq OWNED BY orders.seq;")
				.contains("ALTER TABLE orders ALTER COLUMN seq SET DEFAULT nextval('orders_seq_seq');");
			assertThat(ids(analyze(TRANSACTIONAL,
					"ALTER TABLE orders ADD COLUMN n int GENERATED ALWAYS AS IDENTITY")))
				.containsExactly("add-serial-column");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN seq bigint",
					"CREATE SEQUENCE orders_seq_seq OWNED BY orders.seq",
					"ALTER TABLE orders ALTER COLUMN seq SET DEFAULT nextval('orders_seq_seq')");
		}

	}

	@Nested
	class ChangeColumnType {

		@Test
		void triggersWhenTheCurrentTypeIsUnknown() {
			Finding finding = single("change-column-type", TRANSACTIONAL,
					"ALTER TABLE orders ALTER COLUMN ref TYPE varchar(50)");
			assertThat(finding.column()).isEqualTo("ref");
			assertThat(finding.safeAlternative()).contains("varchar(n) to varchar(m) with m >= n")
				.contains("cidr to inet")
				.contains("only when the session TimeZone is UTC")
				.contains("ALTER TABLE orders ADD COLUMN ref_new varchar(50);");
		}

		@Test
		void triggersForARewritingChange() {
			SafetyAnalyzer analyzer = new SafetyAnalyzer(schema("integer", "UTC"));
			List<Finding> findings = analyzer.analyze(MigrationUnderAnalysis.of("m1", true,
					"ALTER TABLE orders ALTER COLUMN id TYPE bigint"));
			assertThat(ids(findings)).containsExactly("change-column-type");
			assertThat(findings.get(0).message()).contains("changing integer to bigint rewrites the table");
		}

		@Test
		void safeFormsPass() {
			assertRewriteFree("character varying(20)", "varchar(50)", null);
			assertRewriteFree("character varying(20)", "text", null);
			assertRewriteFree("character varying(20)", "varchar", null);
			assertRewriteFree("text", "varchar", null);
			assertRewriteFree("numeric(10,2)", "numeric(12,2)", null);
			assertRewriteFree("numeric(10,2)", "numeric", null);
			assertRewriteFree("bit varying(5)", "varbit(10)", null);
			assertRewriteFree("timestamp(3) without time zone", "timestamp(6)", null);
			assertRewriteFree("timestamp without time zone", "timestamptz", "UTC");
			assertRewriteFree("cidr", "inet", null);
		}

		@Test
		void lookAlikesStillTrigger() {
			assertRewrites("character varying(20)", "varchar(10)", null);
			assertRewrites("text", "varchar(10)", null);
			assertRewrites("numeric(10,2)", "numeric(12,3)", null);
			assertRewrites("timestamp without time zone", "timestamptz", "Europe/Paris");
			assertRewrites("timestamp without time zone", "timestamptz", null);
			assertRewrites("character varying(20)", "varchar(50) USING upper(ref)", null);
		}

		private void assertRewriteFree(String from, String to, @Nullable String timeZone) {
			assertThat(new SafetyAnalyzer(schema(from, timeZone)).analyze(MigrationUnderAnalysis.of("m1", true,
					"ALTER TABLE orders ALTER COLUMN ref TYPE " + to)))
				.as(from + " -> " + to)
				.isEmpty();
		}

		private void assertRewrites(String from, String to, @Nullable String timeZone) {
			assertThat(ids(new SafetyAnalyzer(schema(from, timeZone)).analyze(MigrationUnderAnalysis.of("m1", true,
					"ALTER TABLE orders ALTER COLUMN ref TYPE " + to))))
				.as(from + " -> " + to)
				.containsExactly("change-column-type");
		}

	}

	@Nested
	class RenameColumn {

		@Test
		void triggers() {
			Finding finding = single("rename-column", TRANSACTIONAL, "ALTER TABLE users RENAME COLUMN email TO email_address");
			assertThat(finding.column()).isEqualTo("email");
			assertThat(finding.message()).contains("email_address");
			assertThat(finding.safeAlternative()).contains("ALTER TABLE users ADD COLUMN email_address <type>;")
				.contains("ALTER TABLE users DROP COLUMN email;");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TABLE users ADD COLUMN email_address text");
		}

	}

	@Nested
	class RenameTable {

		@Test
		void triggers() {
			Finding finding = single("rename-table", TRANSACTIONAL, "ALTER TABLE customers RENAME TO clients");
			assertThat(finding.table()).isEqualTo("customers");
			assertThat(finding.safeAlternative()).contains("CREATE VIEW customers AS SELECT * FROM clients;");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "CREATE TABLE clients (id bigint)", "ALTER TABLE clients RENAME TO customers2");
		}

	}

	@Nested
	class DropColumn {

		@Test
		void triggers() {
			Finding finding = single("drop-column", TRANSACTIONAL, "ALTER TABLE orders DROP COLUMN legacy_status");
			assertThat(finding.column()).isEqualTo("legacy_status");
			assertThat(finding.safeAlternative()).contains("@Acknowledge(check = \"drop-column\"");
		}

		@Test
		void safeFormPassesOnceAcknowledged() {
			List<Finding> findings = analyze(TRANSACTIONAL, "ALTER TABLE orders DROP COLUMN legacy_status");
			SafetyReview review = SafetyReview.of(findings,
					List.of(Acknowledgement.of("drop-column", "unused since release 42")));
			assertThat(review.unacknowledged()).isEmpty();
		}

		@Test
		void aColumnAddedInTheSameMigrationMayBeDropped() {
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN tmp text", "ALTER TABLE orders DROP COLUMN tmp");
		}

	}

	@Nested
	class DropTable {

		@Test
		void triggers() {
			Finding finding = single("drop-table", TRANSACTIONAL, "DROP TABLE IF EXISTS old_data");
			assertThat(finding.table()).isEqualTo("old_data");
			assertThat(finding.safeAlternative()).contains("@Acknowledge(check = \"drop-table\"");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "CREATE TABLE scratch (id int)", "DROP TABLE scratch");
		}

	}

	@Nested
	class AddEnumValueUsedInTransaction {

		@Test
		void triggers() {
			List<Finding> findings = analyze(TRANSACTIONAL, "ALTER TYPE order_status ADD VALUE 'refunded'",
					"UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL");
			assertThat(ids(findings)).containsExactly("add-enum-value-used-in-transaction");
			assertThat(findings.get(0).message()).contains("'refunded'").contains("order_status");
			assertThat(findings.get(0).safeAlternative()).contains("ALTER TYPE order_status ADD VALUE 'refunded';");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TYPE order_status ADD VALUE 'refunded'");
			assertNone(NON_TRANSACTIONAL, "ALTER TYPE order_status ADD VALUE 'refunded'",
					"UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL");
		}

		@Test
		void aTypeCreatedInTheSameMigrationIsNotFlagged() {
			assertNone(TRANSACTIONAL, "CREATE TYPE mood AS ENUM ('ok')", "ALTER TYPE mood ADD VALUE 'sad'",
					"CREATE TABLE people (m mood DEFAULT 'sad')");
		}

	}

	@Nested
	class RenameEnumValue {

		@Test
		void triggers() {
			Finding finding = single("rename-enum-value", TRANSACTIONAL,
					"ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled'");
			assertThat(finding.message()).contains("'canceled'").contains("order_status");
			assertThat(finding.safeAlternative()).contains("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL, "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled'");
		}

	}

	@Nested
	class JsonColumn {

		@Test
		void triggers() {
			Finding finding = single("json-column", TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN payload json");
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.column()).isEqualTo("payload");
			assertThat(finding.safeAlternative()).contains("orders.payload jsonb");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN payload jsonb");
		}

	}

	@Nested
	class UpdateWithoutWhere {

		@Test
		void triggers() {
			Finding finding = single("update-without-where", NON_TRANSACTIONAL, "UPDATE orders SET source = 'api'");
			assertThat(finding.table()).isEqualTo("orders");
			assertThat(finding.safeAlternative()).contains("UPDATE orders SET ... WHERE id IN (SELECT id FROM orders")
				.contains("SafeOperations.on(q).backfill(");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL,
					"UPDATE orders SET source = 'api' WHERE id IN (SELECT id FROM orders WHERE source IS NULL LIMIT 10000)");
		}

	}

	@Nested
	class DeleteWithoutWhere {

		@Test
		void triggers() {
			Finding finding = single("delete-without-where", NON_TRANSACTIONAL, "DELETE FROM sessions");
			assertThat(finding.table()).isEqualTo("sessions");
			assertThat(finding.safeAlternative()).contains("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions");
		}

		@Test
		void safeFormPasses() {
			assertNone(NON_TRANSACTIONAL,
					"DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < now() LIMIT 10000)");
		}

	}

	@Nested
	class BackfillInDdlTransaction {

		@Test
		void triggers() {
			List<Finding> findings = analyze(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN source text",
					"UPDATE orders SET source = 'api' WHERE source IS NULL");
			assertThat(ids(findings)).containsExactly("backfill-in-ddl-transaction");
			assertThat(findings.get(0).statementIndex()).isEqualTo(1);
			assertThat(findings.get(0).message()).contains("statement 1").contains("ALTER TABLE orders ADD COLUMN source");
			assertThat(findings.get(0).safeAlternative()).contains("transactional() returns false");
		}

		@Test
		void safeFormPasses() {
			assertNone(TRANSACTIONAL, "ALTER TABLE orders ADD COLUMN source text");
			assertNone(NON_TRANSACTIONAL, "UPDATE orders SET source = 'api' WHERE source IS NULL AND id < 10000");
		}

	}

	static SchemaInfo schema(String columnType, @Nullable String timeZone) {
		return new SchemaInfo() {

			@Override
			public Optional<String> columnType(@Nullable String schema, String table, String column) {
				return Optional.of(columnType);
			}

			@Override
			public Optional<String> timeZone() {
				return Optional.ofNullable(timeZone);
			}

		};
	}

	static List<Finding> analyze(boolean transactional, String... sql) {
		return new SafetyAnalyzer().analyze(MigrationUnderAnalysis.of("20240101_test", transactional, sql));
	}

	static Finding single(String checkId, boolean transactional, String... sql) {
		List<Finding> findings = analyze(transactional, sql);
		assertThat(ids(findings)).as(String.join("; ", sql)).containsExactly(checkId);
		Finding finding = findings.get(0);
		assertThat(finding.migrationId()).isEqualTo("20240101_test");
		assertThat(finding.severity()).isEqualTo(SafetyCheck.byId(checkId).orElseThrow().severity());
		return finding;
	}

	static void assertNone(boolean transactional, String... sql) {
		assertThat(analyze(transactional, sql)).as(String.join("; ", sql)).isEmpty();
	}

	static List<String> ids(List<Finding> findings) {
		return findings.stream().map(Finding::checkId).toList();
	}

}
