package dev.migrations.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.migrations.safety.Acknowledge;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.migrations.schema.IndexDefinition.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What no path around the checks, the history or the connection may let through: a statement the dry run never
 * reached still meets the safety checks, a password is never stored, and a migration whose connection died says which
 * state it is in and how to resolve it.
 */
class FailClosedTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@BeforeEach
	void reset() {
		db.reset();
		db.jdbc().execute("CREATE TABLE users (id bigint PRIMARY KEY, legacy text)");
	}

	/** Creates a table, reads it (the dry run stops there: the table does not exist yet), then drops a column. */
	static class DropAfterARead implements Migration {

		@Override
		public String id() {
			return "20260101000000_drop_after_a_read";
		}

		@Override
		public void up(QueryInterface q) {
			q.createTable("audit", (t) -> t.bigint("id"));
			q.jdbc().queryForObject("SELECT count(*) FROM audit", Integer.class);
			q.removeColumn("users", "legacy");
		}

	}

	@Acknowledge(check = "drop-column", reason = "legacy is unused since release 42")
	static class AcknowledgedDropAfterARead extends DropAfterARead {

	}

	@Test
	void statementAfterTheDryRunStoppedIsCheckedAsItRunsAndRefused() {
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(new DropAfterARead())).build();
		assertThat(migrator.plan().migrations().get(0).stoppedBy()).isNotNull();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("20260101000000_drop_after_a_read")
			.withMessageContaining("drop-column")
			.withMessageContaining("rolled back");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM information_schema.columns "
				+ "WHERE table_name = 'users' AND column_name = 'legacy'", Integer.class)).isEqualTo(1);
		assertThat(db.jdbc().queryForObject("SELECT to_regclass('audit') IS NULL", Boolean.class)).isTrue();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isZero();
	}

	@Test
	void acknowledgedStatementAfterTheDryRunStoppedRuns() {
		Migrator.builder(db.dataSource()).migrations(List.of(new AcknowledgedDropAfterARead())).build().migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM information_schema.columns "
				+ "WHERE table_name = 'users' AND column_name = 'legacy'", Integer.class)).isZero();
	}

	@Test
	void statementAfterTheDryRunStoppedRunsInWarnMode() {
		Migrator.builder(db.dataSource())
			.migrations(List.of(new DropAfterARead()))
			.safetyMode(dev.migrations.safety.SafetyMode.WARN)
			.build()
			.migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM information_schema.columns "
				+ "WHERE table_name = 'users' AND column_name = 'legacy'", Integer.class)).isZero();
	}

	@Test
	void routineCreatedBeforeTheDryRunStoppedIsFollowedIntoWhenCalledAfter() {
		// The statements before the read pass as the review analysed them; the call after it is checked by a checker
		// that followed them, so it knows the procedure's body and finds the dropped column in it.
		Migration migration = Fixture.of("20260101000000_drop_in_a_procedure", (q) -> {
			q.createTable("audit", (t) -> t.bigint("id"));
			q.sql("CREATE PROCEDURE drop_legacy() LANGUAGE plpgsql AS $$ BEGIN ALTER TABLE users DROP COLUMN legacy; "
					+ "END $$");
			q.jdbc().queryForObject("SELECT count(*) FROM audit", Integer.class);
			q.sql("CALL drop_legacy()");
		}, (q) -> {
		});
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(migration)).build();
		assertThat(migrator.plan().migrations().get(0).stoppedBy()).isNotNull();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("20260101000000_drop_in_a_procedure")
			.withMessageContaining("drop-column");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM information_schema.columns "
				+ "WHERE table_name = 'users' AND column_name = 'legacy'", Integer.class)).isEqualTo(1);
		assertThat(db.jdbc().queryForObject("SELECT to_regclass('audit') IS NULL", Boolean.class)).isTrue();
	}

	@Test
	void tableCreatedByAnEarlierMigrationOfTheRunIsNewForStatementsCheckedAsTheyRun() {
		Migration create = Fixture.of("20260101000000_create_items",
				(q) -> q.createTable("items", (t) -> t.text("name")), (q) -> q.dropTable("items"));
		// The dry run of the second stops at the read (items does not exist before the run); the index that follows
		// is checked as it runs, on a table this run created: nobody uses it yet, so it is not refused.
		Migration index = Fixture.of("20260101000001_index_items", (q) -> {
			q.jdbc().queryForObject("SELECT count(*) FROM items", Integer.class);
			q.addIndex("items", index("name"));
		}, (q) -> q.removeIndex("items_name_index"));
		Migrator.builder(db.dataSource()).migrations(List.of(create, index)).build().migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_indexes WHERE tablename = 'items'",
				Integer.class)).isEqualTo(1);
	}

	@Test
	void redoThatTheChecksRefuseLeavesTheMigrationApplied() {
		Migration index = Fixture.of("20260101000000_index_users", (q) -> q.addIndex("users", index("legacy")),
				(q) -> q.removeIndex("users_legacy_idx"));
		Migrator.builder(db.dataSource())
			.migrations(List.of(index))
			.safetyMode(dev.migrations.safety.SafetyMode.OFF)
			.build()
			.migrate();
		Migrator checked = Migrator.builder(db.dataSource()).migrations(List.of(index)).build();
		assertThatExceptionOfType(dev.migrations.safety.UnsafeMigrationException.class).isThrownBy(checked::redo)
			.withMessageContaining("add-index-non-concurrently");
		// Refused before its down ran: still applied, its index still there.
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(1);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_indexes WHERE tablename = 'users' "
				+ "AND indexname = 'users_legacy_idx'", Integer.class)).isEqualTo(1);
	}

	@Test
	void retryThatTheChecksRefuseKeepsTheFailedRow() {
		Migration failing = Fixture.nonTransactional("20260101000000_index_then_fail", (q) -> {
			q.addIndex("users", index("legacy"));
			q.sql("SELECT 1 / 0");
		}, (q) -> q.removeIndex("users_legacy_idx"));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> Migrator.builder(db.dataSource())
			.migrations(List.of(failing))
			.safetyMode(dev.migrations.safety.SafetyMode.OFF)
			.build()
			.migrate());
		db.jdbc().execute("DROP INDEX users_legacy_idx");
		Migrator checked = Migrator.builder(db.dataSource()).migrations(List.of(failing)).build();
		assertThatExceptionOfType(dev.migrations.safety.UnsafeMigrationException.class).isThrownBy(checked::retry);
		assertThat(db.jdbc().queryForObject("SELECT state || ':' || error FROM schema_migrations", String.class))
			.startsWith("failed:").contains("division by zero");
	}

	@Test
	void passwordsAreRedactedInTheHistoryAndThePlan() {
		String role = "fail_closed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Migration createRole = Fixture.of("20260101000000_create_role",
				(q) -> q.sql("CREATE ROLE " + role + " LOGIN PASSWORD 'hunter2-secret'"),
				(q) -> q.sql("DROP ROLE " + role));
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(createRole)).build();
		try {
			assertThat(migrator.plan().describe()).doesNotContain("hunter2").contains(role);
			migrator.migrate();
			String script = db.jdbc()
				.queryForObject("SELECT script FROM schema_migrations WHERE id = '20260101000000_create_role'",
						String.class);
			assertThat(script).contains("CREATE ROLE " + role).doesNotContain("hunter2");
		}
		finally {
			db.jdbc().execute("DROP ROLE IF EXISTS " + role);
		}
	}

	@Test
	void noScriptIsRecordedWhenAskedNotTo() {
		Migrator.builder(db.dataSource())
			.migrations(List.of(Fixture.table("20260101000000_create_orders", "orders")))
			.recordScript(false)
			.build()
			.migrate();
		Map<String, Object> row = db.jdbc().queryForMap("SELECT script FROM schema_migrations");
		assertThat(row.get("script")).isNull();
	}

	@Test
	void nonTransactionalMigrationWhoseConnectionDiesSaysItIsRecordedAsRunningAndHowToResolveIt() {
		Migration dies = Fixture.nonTransactional("20260101000000_connection_dies", (q) -> {
			q.sql("CREATE TABLE half (id bigint)");
			q.sql("SELECT pg_terminate_backend(pg_backend_pid())");
		}, (q) -> q.dropTable("half"));
		Migrator migrator = Migrator.builder(db.dataSource())
			.migrations(List.of(dies))
			.safetyMode(dev.migrations.safety.SafetyMode.OFF)
			.build();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("20260101000000_connection_dies")
			.withMessageContaining("stays recorded as running")
			.withMessageContaining("--migrations.command=retry")
			.withMessageContaining("mark-applied");
		assertThat(db.jdbc().queryForObject("SELECT state FROM schema_migrations", String.class))
			.isEqualToIgnoringCase("running");
	}

}
