package dev.migrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.migrations.schema.DataType;
import dev.migrations.schema.IndexDefinition;
import dev.migrations.schema.ReferentialAction;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link Migrator}'s commands on a real PostgreSQL.
 */
class MigratorTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private final List<Migration> migrations = new ArrayList<>();

	@BeforeEach
	void reset() {
		db.reset();
	}

	private Migrator migrator() {
		return migrator(Validation.defaults());
	}

	private Migrator migrator(Validation validation) {
		return Migrator.builder(db.dataSource()).migrations(this.migrations).validation(validation).build();
	}

	private void sampleMigrations() {
		this.migrations.add(Fixture.of("20260501120000_create_users", (q) -> q.createTable("users", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("email").notNull().unique();
			t.text("status").notNull().defaultValue("active");
			t.timestamps();
		}), (q) -> q.dropTable("users")));
		this.migrations.add(Fixture.of("20260501120100_create_orders", (q) -> {
			q.createTable("orders", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.bigint("user_id").notNull().references("users", "id").onDelete(ReferentialAction.CASCADE);
				t.decimal("total", 10, 2).notNull();
				t.timestamps();
			});
			q.addIndex("orders", IndexDefinition.index("user_id"));
		}, (q) -> q.dropTable("orders")));
		this.migrations.add(Fixture.of("20260502090000_add_refund_reason_to_orders",
				(q) -> q.addColumn("orders", "refund_reason", DataType.text()),
				(q) -> q.removeColumn("orders", "refund_reason")));
	}

	private List<Map<String, Object>> history() {
		return db.jdbc().queryForList("SELECT * FROM schema_migrations ORDER BY id");
	}

	@Test
	void appliesPendingMigrationsInIdOrderAndRecordsEach() {
		sampleMigrations();
		java.util.Collections.reverse(this.migrations);
		CommandResult result = migrator().migrate();
		assertThat(result.migrations()).containsExactly("20260501120000_create_users", "20260501120100_create_orders",
				"20260502090000_add_refund_reason_to_orders");
		assertThat(result.batch()).isEqualTo(1);
		List<Map<String, Object>> rows = history();
		assertThat(rows).extracting((row) -> row.get("state")).containsOnly("applied");
		assertThat(rows).extracting((row) -> row.get("batch")).containsOnly(1);
		Map<String, Object> orders = rows.get(1);
		assertThat(orders.get("description")).isEqualTo("create orders");
		assertThat(orders.get("transactional")).isEqualTo(true);
		assertThat(orders.get("applied_by")).isNotNull();
		assertThat(orders.get("finished_at")).isNotNull();
		assertThat((String) orders.get("script")).contains("CREATE TABLE \"orders\"")
			.contains("CREATE INDEX \"orders_user_id_idx\" ON \"orders\" (\"user_id\")");
		db.jdbc().update("INSERT INTO users (email) VALUES ('a@example.com')");
		db.jdbc().update("INSERT INTO orders (user_id, total, refund_reason) SELECT id, 10.50, 'late' FROM users");
		assertThat(db.jdbc().queryForObject("SELECT status FROM users", String.class)).isEqualTo("active");
	}

	@Test
	void secondRunAppliesNothingAndStartsNoBatch() {
		sampleMigrations();
		migrator().migrate();
		CommandResult again = migrator().migrate();
		assertThat(again.migrations()).isEmpty();
		assertThat(again.batch()).isNull();
		assertThat(history()).hasSize(3);
	}

	@Test
	void eachMigrateRunThatAppliesSomethingIsOneBatch() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		migrator().migrate();
		this.migrations.add(Fixture.table("20260101000001_b", "b"));
		this.migrations.add(Fixture.table("20260101000002_c", "c"));
		assertThat(migrator().migrate().batch()).isEqualTo(2);
		assertThat(history()).extracting((row) -> row.get("batch")).containsExactly(1, 2, 2);
	}

	@Test
	void failedTransactionalMigrationLeavesNoTraceAndNamesItself() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		this.migrations.add(Fixture.of("20260101000001_half_done", (q) -> {
			q.createTable("b", (t) -> t.bigint("id"));
			q.sql("INSERT INTO b VALUES (1)");
			q.sql("SELECT * FROM no_such_table");
		}, (q) -> q.dropTable("b")));
		this.migrations.add(Fixture.table("20260101000002_c", "c"));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("20260101000001_half_done")
			.withMessageContaining("rolled back")
			.withMessageContaining("no_such_table")
			.satisfies((ex) -> assertThat(ex.getMigrationId()).isEqualTo("20260101000001_half_done"));
		CatalogSnapshot snapshot = CatalogSnapshot.of(db.dataSource());
		assertThat(snapshot.hasRelation("a")).isTrue();
		assertThat(snapshot.hasRelation("b")).isFalse();
		assertThat(snapshot.hasRelation("c")).isFalse();
		assertThat(history()).extracting((row) -> row.get("id")).containsExactly("20260101000000_a");
	}

	@Test
	void failedNonTransactionalMigrationIsRecordedAndBlocksUntilRetried() {
		AtomicBoolean broken = new AtomicBoolean(true);
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		this.migrations.add(Fixture.nonTransactional("20260101000001_index_a", (q) -> {
			q.addIndex("a", IndexDefinition.index("id").name("a_id_extra").concurrently());
			if (broken.get()) {
				throw new IllegalStateException("boom halfway");
			}
		}, (q) -> q.removeIndex("a", IndexDefinition.index("id").name("a_id_extra").concurrently())));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("20260101000001_index_a")
			.withMessageContaining("marked failed")
			.withMessageContaining("boom halfway");
		Map<String, Object> failed = history().get(1);
		assertThat(failed.get("state")).isEqualTo("failed");
		assertThat(failed.get("error")).isEqualTo("boom halfway");
		assertThat((String) failed.get("script")).contains("CREATE INDEX CONCURRENTLY");

		this.migrations.add(Fixture.table("20260101000002_b", "b"));
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("20260101000001_index_a is failed: boom halfway")
			.withMessageContaining("retry")
			.withMessageContaining("mark-applied")
			.withMessageContaining("mark-rolled-back");
		assertThat(CatalogSnapshot.of(db.dataSource()).hasRelation("b")).isFalse();
		assertThat(migrator().status().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.FAILED, MigrationState.PENDING);

		// The index the failed attempt built is still there: the retry drops it first, as a user would.
		broken.set(false);
		db.jdbc().execute("DROP INDEX a_id_extra");
		CommandResult retried = migrator().retry();
		assertThat(retried.migrations()).containsExactly("20260101000001_index_a", "20260101000002_b");
		assertThat(history()).extracting((row) -> row.get("state")).containsOnly("applied");
	}

	@Test
	void failedRowCanBeMarkedAppliedOrRolledBack() {
		this.migrations.add(Fixture.nonTransactional("20260101000000_flaky", (q) -> {
			q.createTable("a", (t) -> t.bigint("id"));
			throw new IllegalStateException("flaky");
		}, (q) -> q.dropTable("a")));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate());
		assertThat(migrator().markApplied(null).migrations()).containsExactly("20260101000000_flaky");
		assertThat(migrator().status().isUpToDate()).isTrue();

		assertThat(migrator().markRolledBack("20260101000000_flaky").migrations()).containsExactly("20260101000000_flaky");
		db.jdbc().execute("DROP TABLE a");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate());
		assertThat(migrator().markRolledBack(null).migrations()).containsExactly("20260101000000_flaky");
		assertThat(history()).isEmpty();
		assertThat(migrator().status().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.PENDING);
	}

	@Test
	void markAppliedUpToAnIdAdoptsAnExistingSchema() {
		sampleMigrations();
		assertThat(migrator().markApplied("20260501120100_create_orders").migrations())
			.containsExactly("20260501120000_create_users", "20260501120100_create_orders");
		assertThat(CatalogSnapshot.of(db.dataSource()).hasRelation("users")).isFalse();
		assertThat(migrator().status().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.PENDING);
	}

	@Test
	void transactionalMigrationRefusesStatementThatCannotRunInATransaction() {
		this.migrations.add(Fixture.of("20260101000000_bad_index", (q) -> {
			q.createTable("a", (t) -> t.bigint("id"));
			q.addIndex("a", IndexDefinition.index("id").concurrently());
		}, (q) -> q.dropTable("a")));
		// The safety checks refuse it before anything runs...
		assertThatExceptionOfType(dev.migrations.safety.UnsafeMigrationException.class)
			.isThrownBy(() -> migrator().migrate())
			.withMessageContaining("[concurrently-in-transaction] migration 20260101000000_bad_index")
			.withMessageContaining("override transactional() to return false");
		assertThat(CatalogSnapshot.of(db.dataSource()).lines()).containsExactly("schema public");
		// ...and with the checks off, the runner refuses the statement and rolls the migration back.
		Migrator unchecked = Migrator.builder(db.dataSource())
			.migrations(this.migrations)
			.safetyMode(dev.migrations.safety.SafetyMode.OFF)
			.build();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(unchecked::migrate)
			.withMessageContaining("20260101000000_bad_index")
			.withMessageContaining("cannot run inside a transaction block")
			.withMessageContaining("transactional()");
		assertThat(CatalogSnapshot.of(db.dataSource()).hasRelation("a")).isFalse();
		assertThat(history()).isEmpty();
	}

	@Test
	void migrateToAndStepsStopWhereTold() {
		sampleMigrations();
		assertThat(migrator().migrateSteps(1).migrations()).containsExactly("20260501120000_create_users");
		assertThat(migrator().migrateTo("20260501120100_create_orders").migrations())
			.containsExactly("20260501120100_create_orders");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrateTo("20990101000000_nope"))
			.withMessageContaining("20990101000000_nope");
		assertThat(migrator().migrate().migrations()).containsExactly("20260502090000_add_refund_reason_to_orders");
	}

	@Test
	void everyUndoLeavesTheCatalogAsItWasBeforeTheMatchingUp() {
		sampleMigrations();
		this.migrations.add(Fixture.nonTransactional("20260503000000_status_index",
				(q) -> q.addIndex("orders",
						IndexDefinition.index("user_id", "total").unique().where("total > 0").concurrently()),
				(q) -> q.removeIndex("orders", IndexDefinition.index("user_id", "total").concurrently())));
		CatalogSnapshot empty = CatalogSnapshot.of(db.dataSource());
		migrator().migrateSteps(1);
		CatalogSnapshot afterUsers = CatalogSnapshot.of(db.dataSource());
		migrator().migrateSteps(1);
		CatalogSnapshot afterOrders = CatalogSnapshot.of(db.dataSource());
		migrator().migrate();
		CatalogSnapshot all = CatalogSnapshot.of(db.dataSource());
		assertThat(history()).extracting((row) -> row.get("batch")).containsExactly(1, 2, 3, 3);

		assertThat(migrator().undoBatch().migrations()).containsExactly("20260503000000_status_index",
				"20260502090000_add_refund_reason_to_orders");
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(afterOrders);
		migrator().migrate();
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(all);

		assertThat(migrator().undo().migrations()).containsExactly("20260503000000_status_index");
		assertThat(CatalogSnapshot.of(db.dataSource())).isNotEqualTo(all);
		migrator().migrate();
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(all);

		assertThat(migrator().undoSteps(3).migrations()).hasSize(3);
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(afterUsers);

		migrator().migrate();
		assertThat(migrator().undoTo("20260501120100_create_orders").migrations()).containsExactly(
				"20260503000000_status_index", "20260502090000_add_refund_reason_to_orders",
				"20260501120100_create_orders");
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(afterUsers);

		migrator().migrate();
		assertThat(migrator().redo().migrations()).containsExactly("20260503000000_status_index");
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(all);

		assertThat(migrator().undoAll().migrations()).hasSize(4);
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(empty);
		assertThat(history()).isEmpty();
	}

	@Test
	void undoStopsBeforeAnIrreversibleMigrationAndUndoesNothing() {
		this.migrations.add(new Fixture.Irreversible("20260101000000_seed_once", (q) -> q.createTable("a", (t) -> t.bigint("id"))));
		this.migrations.add(Fixture.table("20260101000001_b", "b"));
		migrator().migrate();
		CatalogSnapshot before = CatalogSnapshot.of(db.dataSource());
		assertThatExceptionOfType(IrreversibleMigrationException.class).isThrownBy(() -> migrator().undoAll())
			.withMessageContaining("20260101000000_seed_once")
			.withMessageContaining("nothing was undone");
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(before);
		assertThat(migrator().status().migrations()).extracting(MigrationStatus::reversible).containsExactly(false, true);
	}

	@Test
	void failedUndoOfTransactionalMigrationKeepsItApplied() {
		this.migrations.add(Fixture.of("20260101000000_a", (q) -> q.createTable("a", (t) -> t.bigint("id")),
				(q) -> q.dropTable("not_a")));
		migrator().migrate();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().undo())
			.withMessageContaining("20260101000000_a")
			.withMessageContaining("still applied");
		assertThat(history()).hasSize(1);
		assertThat(CatalogSnapshot.of(db.dataSource()).hasRelation("a")).isTrue();
	}

	@Test
	void outOfOrderMigrationFailsByDefaultAndIsAppliedWhenAllowed() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		this.migrations.add(Fixture.table("20260103000000_c", "c"));
		migrator().migrate();
		this.migrations.add(Fixture.table("20260102000000_b_from_a_branch", "b"));
		assertThat(migrator().status().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.OUT_OF_ORDER, MigrationState.APPLIED);
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("20260102000000_b_from_a_branch")
			.withMessageContaining("20260103000000_c")
			.withMessageContaining("migrations.validation.out-of-order");
		assertThat(CatalogSnapshot.of(db.dataSource()).hasRelation("b")).isFalse();
		CommandResult result = migrator(new Validation(ValidationPolicy.WARN, ValidationPolicy.WARN, ValidationPolicy.FAIL))
			.migrate();
		assertThat(result.migrations()).containsExactly("20260102000000_b_from_a_branch");
	}

	@Test
	void appliedMigrationMissingFromTheCodeWarnsByDefaultAndFailsWhenAsked() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		this.migrations.add(Fixture.table("20260102000000_b", "b"));
		migrator().migrate();
		this.migrations.remove(1);
		assertThat(migrator().status().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.MISSING);
		assertThat(migrator().migrate().migrations()).isEmpty();
		assertThatExceptionOfType(MigrationValidationException.class)
			.isThrownBy(() -> migrator(new Validation(ValidationPolicy.FAIL, ValidationPolicy.FAIL, ValidationPolicy.FAIL))
				.migrate())
			.withMessageContaining("20260102000000_b");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().undo())
			.withMessageContaining("20260102000000_b")
			.withMessageContaining("no longer in the code");
	}

	@Test
	void validateRefusesPendingMigrationsAndChangesNothing() {
		sampleMigrations();
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> migrator().validate())
			.withMessageContaining("20260501120000_create_users (pending)");
		assertThat(CatalogSnapshot.of(db.dataSource()).lines()).containsExactly("schema public");
		migrator().migrate();
		assertThat(migrator().validate().isUpToDate()).isTrue();
	}

	@Test
	void historyCreatedByAnOlderVersionIsReadAndUpgraded() {
		// schema_migrations as the first snapshot created it, before safety_acknowledgements existed.
		db.jdbc().execute("""
				CREATE TABLE schema_migrations (id text PRIMARY KEY, description text NOT NULL, state text NOT NULL,
				  batch integer NOT NULL, checksum text, transactional boolean NOT NULL, started_at timestamptz NOT NULL,
				  finished_at timestamptz, execution_ms bigint, applied_by text, application text, error text, script text)""");
		db.jdbc().execute("CREATE TABLE a (id bigint)");
		db.jdbc().update("INSERT INTO schema_migrations (id, description, state, batch, transactional, started_at) "
				+ "VALUES ('20260101000000_a', 'a', 'applied', 1, true, now())");
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		this.migrations.add(Fixture.table("20260101000001_b", "b"));
		assertThat(migrator().status().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
		assertThat(migrator().migrate().migrations()).containsExactly("20260101000001_b");
		assertThat(db.jdbc().queryForList("SELECT column_name FROM information_schema.columns "
				+ "WHERE table_name = 'schema_migrations' AND column_name = 'safety_acknowledgements'", String.class))
			.hasSize(1);
		assertThat(migrator().status().isUpToDate()).isTrue();
	}

	@Test
	void historyTableNameAndSchemaAreConfigurable() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		Migrator migrator = Migrator.builder(db.dataSource())
			.migrations(this.migrations)
			.schema("ops")
			.table("migration_history")
			.build();
		migrator.migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM ops.migration_history", Integer.class)).isEqualTo(1);
		assertThat(CatalogSnapshot.of(db.dataSource()).hasRelation("schema_migrations")).isFalse();
		assertThat(migrator.status().schema()).isEqualTo("ops");
		assertThat(CatalogSnapshot.of(db.dataSource()).lines()).contains("relation public.a kind=r persistence=p");
	}

}
