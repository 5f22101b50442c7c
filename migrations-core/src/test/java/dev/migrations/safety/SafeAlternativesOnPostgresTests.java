package dev.migrations.safety;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.migrations.test.FreshDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The safe alternatives that the findings recommend actually run on PostgreSQL, and the claims the checks rest on
 * (which changes rewrite the table, what fails in a transaction) hold on a real server.
 */
class SafeAlternativesOnPostgresTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@BeforeEach
	void createSchema() throws SQLException {
		db.reset();
		execute("""
				CREATE TYPE order_status AS ENUM ('new', 'canceled');
				CREATE TABLE users (id bigint PRIMARY KEY, email text);
				CREATE TABLE customers (id bigint PRIMARY KEY, name text);
				CREATE TABLE events (id bigint NOT NULL, at timestamptz);
				CREATE TABLE old_data (id bigint);
				CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status text, total numeric(10,2),
				  ref varchar(20), legacy_status text, ts timestamp, net cidr, bits bit varying(5), state order_status);
				INSERT INTO users SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 100) g;
				INSERT INTO events SELECT g, now() FROM generate_series(1, 100) g;
				INSERT INTO orders SELECT g, 1 + g % 100, 'new', 10, 'r' || g, 'x', now(), '10.0.0.0/8', B'101', 'new'
				  FROM generate_series(1, 1000) g;
				CREATE INDEX orders_status_idx ON orders (status);
				""");
	}

	@Test
	void recommendedSqlOfEachCheckRuns() throws SQLException {
		assertSafeAlternativeRuns("add-index-non-concurrently", "CREATE INDEX orders_user_id_idx ON orders (user_id)");
		assertSafeAlternativeRuns("drop-index-non-concurrently", "DROP INDEX orders_status_idx");
		assertSafeAlternativeRuns("reindex-non-concurrently", "REINDEX TABLE orders");
		assertSafeAlternativeRuns("add-foreign-key-validated",
				"ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)");
		assertSafeAlternativeRuns("add-foreign-key-validated", "ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES users");
		assertSafeAlternativeRuns("add-check-constraint-validated",
				"ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0)");
		assertSafeAlternativeRuns("add-check-constraint-validated",
				"ALTER TABLE orders ADD COLUMN qty int CHECK (qty > 0)");
		assertSafeAlternativeRuns("add-unique-constraint", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)");
		assertSafeAlternativeRuns("add-unique-constraint", "ALTER TABLE users ADD COLUMN handle text UNIQUE");
		assertSafeAlternativeRuns("add-primary-key", "ALTER TABLE events ADD PRIMARY KEY (id)");
		assertSafeAlternativeRuns("set-not-null", "ALTER TABLE orders ALTER COLUMN status SET NOT NULL");
		assertThat(query("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'orders' "
				+ "AND column_name = 'status'")).isEqualTo("NO");
		assertSafeAlternativeRuns("add-not-null-column-without-default",
				"ALTER TABLE orders ADD COLUMN source varchar(20) NOT NULL");
		assertSafeAlternativeRuns("add-volatile-default", "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()");
		assertSafeAlternativeRuns("add-stored-generated-column",
				"ALTER TABLE orders ADD COLUMN total_cents numeric GENERATED ALWAYS AS (total * 100) STORED");
		assertSafeAlternativeRuns("change-column-type", "ALTER TABLE orders ALTER COLUMN ref TYPE varchar(10)");
		assertSafeAlternativeRuns("rename-column", "ALTER TABLE users RENAME COLUMN email TO email_address");
		assertSafeAlternativeRuns("drop-column", "ALTER TABLE orders DROP COLUMN legacy_status");
		assertSafeAlternativeRuns("drop-table", "DROP TABLE old_data");
		assertSafeAlternativeRuns("rename-enum-value", "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled'");
	}

	@Test
	void serialColumnAddedTheRecommendedWayDoesNotRewriteTheTable() throws SQLException {
		long before = relfilenode("orders");
		assertSafeAlternativeRuns("add-serial-column", "ALTER TABLE orders ADD COLUMN seq bigserial");
		assertThat(relfilenode("orders")).isEqualTo(before);
		execute("INSERT INTO orders (id) VALUES (5000)");
		assertThat(query("SELECT seq FROM orders WHERE id = 5000")).isEqualTo("1");
	}

	@Test
	void renamedTableKeepsWorkingThroughTheViewUnderItsOldName() throws SQLException {
		execute("ALTER TABLE customers RENAME TO clients; CREATE VIEW customers AS SELECT * FROM clients");
		execute("INSERT INTO customers (id, name) VALUES (1, 'old code')");
		execute("UPDATE customers SET name = 'still old code' WHERE id = 1");
		assertThat(query("SELECT name FROM clients WHERE id = 1")).isEqualTo("still old code");
	}

	@Test
	void enumValueCannotBeUsedInTheTransactionThatAddedItButCanInTheNext() throws SQLException {
		try (Connection connection = db.connect()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("ALTER TYPE order_status ADD VALUE 'refunded'");
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> statement.execute("UPDATE orders SET state = 'refunded' WHERE id = 1"))
					.withMessageContaining("unsafe use of new value");
			}
			connection.rollback();
		}
		execute("ALTER TYPE order_status ADD VALUE 'refunded'");
		execute("UPDATE orders SET state = 'refunded' WHERE id = 1");
	}

	@Test
	void concurrentIndexFailsInATransactionAndInAMultiStatementCall() throws SQLException {
		try (Connection connection = db.connect()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> statement.execute("CREATE INDEX CONCURRENTLY a_idx ON orders (total)"))
					.withMessageContaining("cannot run inside a transaction block");
			}
			connection.rollback();
		}
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> execute(
					"CREATE INDEX CONCURRENTLY a_idx ON orders (total); CREATE INDEX CONCURRENTLY b_idx ON orders (ref)"))
			.withMessageContaining("cannot be executed within a pipeline");
		// and it leaves an INVALID index behind, as the finding says
		assertThat(query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'a_idx'::regclass")).isEqualTo("f");
		execute("CREATE INDEX CONCURRENTLY c_idx ON orders (total)");
	}

	@Test
	void batchedBackfillAndDeleteRun() throws SQLException {
		String update = "UPDATE orders SET status = 'done' WHERE id IN (SELECT id FROM orders WHERE status <> 'done' "
				+ "ORDER BY id LIMIT 300)";
		String delete = "DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE status = 'done' ORDER BY id LIMIT 300)";
		assertThat(new SafetyAnalyzer().analyze(MigrationUnderAnalysis.of("m", false, update, delete))).isEmpty();
		while (executeUpdate(update) > 0) {
			// next batch
		}
		while (executeUpdate(delete) > 0) {
			// next batch
		}
		assertThat(query("SELECT count(*) FROM orders")).isEqualTo("0");
	}

	@Test
	void typeChangesTheAnalyserCallsRewriteFreeKeepTheTableAndTheOthersRewriteIt() throws SQLException {
		String[][] changes = { { "ref", "varchar(50)" }, { "ref", "text" }, { "ref", "varchar(5)" },
				{ "total", "numeric(12,2)" }, { "total", "numeric" }, { "total", "numeric(12,3)" },
				{ "bits", "bit varying(10)" }, { "bits", "bit varying" }, { "net", "inet" }, { "ts", "timestamptz" },
				{ "ts", "timestamp(3)" }, { "user_id", "integer" }, { "id", "numeric" }, { "legacy_status", "varchar" },
				{ "legacy_status", "varchar(3)" } };
		for (String timeZone : List.of("UTC", "Europe/Paris")) {
			for (String[] change : changes) {
				createSchema();
				execute("SET TIME ZONE '" + timeZone + "'");
				String sql = "ALTER TABLE orders ALTER COLUMN " + change[0] + " TYPE " + change[1];
				boolean flagged = !new SafetyAnalyzer(liveSchema(timeZone))
					.analyze(MigrationUnderAnalysis.of("m", true, sql))
					.isEmpty();
				long before = relfilenode("orders");
				try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
					statement.execute("SET TIME ZONE '" + timeZone + "'");
					statement.execute(sql);
				}
				boolean rewritten = relfilenode("orders") != before;
				assertThat(flagged).as(sql + " with TimeZone " + timeZone + ": rewritten " + rewritten)
					.isEqualTo(rewritten);
			}
		}
	}

	@Test
	void defaultsTheAnalyserCallsVolatileRewriteTheTableAndTheOthersDoNot() throws SQLException {
		List<String> defaults = List.of("now()", "CURRENT_TIMESTAMP", "'{}'::jsonb", "42", "lower('A')",
				"random()", "gen_random_uuid()::text", "clock_timestamp()", "timeofday()");
		for (String value : defaults) {
			createSchema();
			String sql = "ALTER TABLE orders ADD COLUMN extra text DEFAULT " + value;
			boolean flagged = !new SafetyAnalyzer().analyze(MigrationUnderAnalysis.of("m", true, sql)).isEmpty();
			long before = relfilenode("orders");
			execute(sql);
			assertThat(flagged).as(sql).isEqualTo(relfilenode("orders") != before);
		}
	}

	private void assertSafeAlternativeRuns(String checkId, String unsafeSql) throws SQLException {
		List<Finding> findings = new SafetyAnalyzer().analyze(MigrationUnderAnalysis.of("m", true, unsafeSql));
		assertThat(findings).extracting(Finding::checkId).as(unsafeSql).contains(checkId);
		Finding finding = findings.stream().filter((f) -> f.checkId().equals(checkId)).findFirst().orElseThrow();
		List<String> statements = sqlOf(finding.safeAlternative());
		assertThat(statements).as("SQL in the safe alternative of " + unsafeSql).isNotEmpty();
		for (String statement : statements) {
			try {
				execute(statement);
			}
			catch (SQLException ex) {
				throw new AssertionError("Safe alternative of " + checkId + " failed: " + statement, ex);
			}
		}
	}

	/** The complete SQL statements in a safe alternative: indented lines ending with ';', without placeholders. */
	static List<String> sqlOf(String safeAlternative) {
		List<String> statements = new ArrayList<>();
		for (String line : safeAlternative.lines().toList()) {
			String sql = line.strip();
			int comment = sql.indexOf(";  --");
			if (comment >= 0) {
				sql = sql.substring(0, comment + 1);
			}
			if (line.startsWith("  ") && !sql.startsWith("--") && !sql.startsWith("@") && sql.endsWith(";")
					&& !sql.contains("<") && !sql.contains("...")) {
				statements.add(sql);
			}
		}
		return statements;
	}

	private static SchemaInfo liveSchema(String timeZone) {
		return new SchemaInfo() {

			@Override
			public Optional<String> columnType(@Nullable String schema, String table, String column) {
				try {
					return Optional.ofNullable(query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
							+ "WHERE attrelid = '" + table + "'::regclass AND attname = '" + column + "'"));
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public Optional<String> timeZone() {
				return Optional.of(timeZone);
			}

		};
	}

	private static long relfilenode(String table) throws SQLException {
		return Long.parseLong(query("SELECT relfilenode FROM pg_class WHERE oid = '" + table + "'::regclass"));
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static int executeUpdate(String sql) throws SQLException {
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			return statement.executeUpdate(sql);
		}
	}

	private static @Nullable String query(String sql) throws SQLException {
		try (Connection connection = db.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? result.getString(1) : null;
		}
	}

}
