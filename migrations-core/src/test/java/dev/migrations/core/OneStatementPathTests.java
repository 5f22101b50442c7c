package dev.migrations.core;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.schema.Rows;
import dev.migrations.safety.SafetyMode;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement of a migration goes through its executor on a real PostgreSQL: what {@link Rows} and
 * {@code q.jdbc()} run is recorded in the history's script and shown by {@code plan}, and a {@code String} goes into
 * a jsonb column as the issue tried it.
 */
class OneStatementPathTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private final List<Migration> migrations = new ArrayList<>();

	@BeforeEach
	void reset() {
		db.reset();
		db.jdbc().execute("CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text, "
				+ "metadata jsonb)");
	}

	private Migrator migrator() {
		return Migrator.builder(db.dataSource()).migrations(this.migrations).build();
	}

	private String script(String id) {
		return db.jdbc().queryForObject("SELECT script FROM schema_migrations WHERE id = ?", String.class, id);
	}

	@Test
	void writesThroughJdbcAreInTheScriptAndInThePlan() {
		this.migrations.add(Fixture.of("20260101000000_jdbc", (q) -> {
			q.jdbc().update("INSERT INTO notes (body) VALUES (?)", "through jdbc");
			q.jdbc().batchUpdate("UPDATE notes SET body = upper(body)", "DELETE FROM notes WHERE body IS NULL");
			q.jdbc().queryForObject("SELECT count(*) FROM notes", Integer.class);
		}, (q) -> q.sql("DELETE FROM notes")));
		MigrationPlan plan = migrator().plan();
		assertThat(plan.migrations().get(0).statements()).extracting(PlannedStatement::sql)
			.containsExactly("INSERT INTO notes (body) VALUES (?)");
		assertThat(plan.migrations().get(0).statements().get(0).note()).isEqualTo("through jdbc()");
		assertThat(plan.migrations().get(0).stoppedBy()).as("a write fails on the plan's read-only connection")
			.contains("read-only transaction");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM notes", Integer.class)).isZero();
		// The UPDATE of every row, which the dry run never reached, is checked as it runs: refused in fail mode
		// (FailClosedTests), logged in warn mode.
		Migrator.builder(db.dataSource()).migrations(this.migrations).safetyMode(SafetyMode.WARN).build().migrate();
		assertThat(db.jdbc().queryForObject("SELECT body FROM notes", String.class)).isEqualTo("THROUGH JDBC");
		assertThat(script("20260101000000_jdbc")).contains("INSERT INTO notes (body) VALUES (?)")
			.contains("UPDATE notes SET body = upper(body) -- in a JDBC batch")
			.contains("DELETE FROM notes WHERE body IS NULL -- in a JDBC batch")
			.contains("SELECT count(*) FROM notes");
	}

	@Test
	void readsThroughJdbcReadTheDatabaseInThePlanAndAreNotPlannedStatements() {
		db.jdbc().update("INSERT INTO notes (body) VALUES ('one'), ('two')");
		this.migrations.add(Fixture.of("20260101000000_reads", (q) -> {
			int count = q.jdbc().queryForObject("SELECT count(*) FROM notes", Integer.class);
			q.sql("UPDATE notes SET body = body || ?", "/" + count);
		}, (q) -> {
		}));
		PlannedMigration planned = migrator().plan().migrations().get(0);
		assertThat(planned.stoppedBy()).isNull();
		assertThat(planned.statements()).extracting(PlannedStatement::sql)
			.containsExactly("UPDATE notes SET body = body || ?");
		assertThat(planned.statements().get(0).parameters()).containsExactly("/2");
	}

	@Test
	void rowsIsInTheScriptAndInThePlanAndTakesAStringIntoJsonb() {
		this.migrations.add(Fixture.of("20260101000000_rows", (q) -> Rows.of(q).insert("notes",
				List.of("body", "metadata"), List.<Object[]>of(new Object[] { "a", "{\"a\":1}" })), (q) -> q.sql("DELETE FROM notes")));
		PlannedMigration planned = migrator().plan().migrations().get(0);
		assertThat(planned.stoppedBy()).isNull();
		assertThat(planned.statements()).extracting(PlannedStatement::sql)
			.containsExactly("INSERT INTO \"notes\" (\"body\", \"metadata\") VALUES (?, CAST(? AS jsonb))");
		assertThat(planned.statements().get(0).dependsOnData()).as("reading column types is not reading data")
			.isFalse();
		migrator().migrate();
		assertThat(db.jdbc().queryForObject("SELECT metadata->>'a' FROM notes", String.class)).isEqualTo("1");
		assertThat(script("20260101000000_rows"))
			.contains("INSERT INTO \"notes\" (\"body\", \"metadata\") VALUES (?, CAST(? AS jsonb))");
	}

	@Test
	void largeRowsWritesAreChunkedUnderTheParameterCapInOneRecordedBatch() {
		List<Object[]> values = new ArrayList<>();
		for (int i = 0; i < 25_000; i++) {
			values.add(new Object[] { "n" + i, "{}" });
		}
		this.migrations.add(Fixture.of("20260101000000_many", (q) -> Rows.of(q).batchSize(10_000).insert("notes",
				List.of("body", "metadata"), values), (q) -> q.sql("DELETE FROM notes")));
		migrator().migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM notes", Integer.class)).isEqualTo(25_000);
		assertThat(script("20260101000000_many")).contains("-- batch of 20000 row(s)");
	}

}
