package dev.migrations.safety;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.migrations.core.CommandResult;
import dev.migrations.core.Migration;
import dev.migrations.core.MigrationException;
import dev.migrations.core.MigrationFailedException;
import dev.migrations.core.MigrationState;
import dev.migrations.core.MigrationStatus;
import dev.migrations.core.Migrator;
import dev.migrations.schema.ConstraintDefinition;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.migrations.schema.IndexDefinition.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The safe helpers on a real PostgreSQL: they do the safe sequence, survive being killed midway, and refuse to run
 * inside a transaction.
 */
class SafeOperationsTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@BeforeEach
	void reset() {
		db.reset();
		db.jdbc().execute("CREATE TABLE users (id bigint PRIMARY KEY, name text)");
		db.jdbc().execute("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status text, total int)");
		db.jdbc().execute("INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 100) g");
		db.jdbc().execute("INSERT INTO orders SELECT g, 1 + g % 100, CASE WHEN g % 2 = 0 THEN 'paid' END, g "
				+ "FROM generate_series(1, 10000) g");
	}

	interface Step {

		void run(QueryInterface q) throws Exception;

	}

	private static Migration migration(String id, boolean transactional, Step up) {
		return new Migration() {

			@Override
			public String id() {
				return id;
			}

			@Override
			public void up(QueryInterface q) throws Exception {
				up.run(q);
			}

			@Override
			public boolean transactional() {
				return transactional;
			}

		};
	}

	private static Migrator migrator(Migration... migrations) {
		return Migrator.builder(db.dataSource()).migrations(List.of(migrations)).build();
	}

	private static Boolean indexValid(String name) {
		List<Boolean> valid = db.jdbc()
			.queryForList("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ?",
					Boolean.class, name);
		return valid.isEmpty() ? null : valid.get(0);
	}

	@Test
	void addsAnIndexConcurrently() {
		migrator(migration("20260101000000_index_orders_user", false,
				(q) -> SafeOperations.on(q).addIndexConcurrently("orders", index("user_id")))).migrate();
		assertThat(indexValid("orders_user_id_idx")).isTrue();
		assertThat(db.jdbc().queryForObject("SELECT script FROM schema_migrations", String.class))
			.contains("CREATE INDEX CONCURRENTLY \"orders_user_id_idx\"");
	}

	@Test
	void everyHelperRefusesToRunInsideATransactionalMigration() {
		List<Step> helpers = List.of((q) -> SafeOperations.on(q).addIndexConcurrently("orders", index("user_id")),
				(q) -> SafeOperations.on(q).setNotNull("orders", "total"),
				(q) -> SafeOperations.on(q)
					.addConstraintValidatedSeparately("orders",
							ConstraintDefinition.foreignKey("user_id").references("users", "id")),
				(q) -> SafeOperations.on(q).backfill("orders").set("status", "'x'").run(),
				(q) -> SafeOperations.on(q).expandColumnRename("users", "name", "full_name"));
		CatalogSnapshot before = CatalogSnapshot.of(db.dataSource());
		for (Step helper : helpers) {
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> migrator(migration("20260101000000_in_a_transaction", true, helper)).migrate())
				.withMessageContaining("cannot run in a transactional migration")
				.withMessageContaining("transactional() to return false");
		}
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(before);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders WHERE status = 'x'", Integer.class)).isZero();
	}

	/**
	 * {@code CREATE INDEX CONCURRENTLY} waits for transactions older than it; an open one holds it in that phase, with
	 * the index already in the catalog as INVALID, while the test kills the build's session.
	 */
	@Test
	void killedConcurrentIndexBuildIsCleanedUpByTheNextRun() throws Exception {
		Migration indexMigration = migration("20260101000000_index_orders_status", false,
				(q) -> SafeOperations.on(q).addIndexConcurrently("orders", index("status")));
		Connection oldTransaction = db.connect();
		oldTransaction.setAutoCommit(false);
		try (Statement statement = oldTransaction.createStatement()) {
			statement.execute("SELECT txid_current()");
		}
		CompletableFuture<CommandResult> build = CompletableFuture.supplyAsync(() -> migrator(indexMigration).migrate());
		await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.FALSE.equals(indexValid("orders_status_idx")));
		Integer pid = db.jdbc()
			.queryForObject("SELECT pid FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' "
					+ "AND datname = current_database()", Integer.class);
		db.jdbc().queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);
		assertThat(build).failsWithin(30, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(java.sql.SQLException.class);
		oldTransaction.close();
		assertThat(indexValid("orders_status_idx")).as("the killed build left an INVALID index").isFalse();
		assertThat(migrator(indexMigration).status().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.RUNNING);

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(indexMigration).migrate())
			.withMessageContaining("retry");
		assertThat(migrator(indexMigration).retry().migrations()).containsExactly("20260101000000_index_orders_status");
		assertThat(indexValid("orders_status_idx")).isTrue();
		assertThat(migrator(indexMigration).status().isUpToDate()).isTrue();
	}

	@Test
	void foreignKeyIsAddedNotValidThenValidatedSeparately() {
		migrator(migration("20260101000000_orders_user_fk", false,
				(q) -> SafeOperations.on(q)
					.addConstraintValidatedSeparately("orders",
							ConstraintDefinition.foreignKey("user_id").references("users", "id"))))
			.migrate();
		assertThat(db.jdbc()
			.queryForObject("SELECT convalidated FROM pg_constraint WHERE conname = 'orders_user_id_fkey'", Boolean.class))
			.isTrue();
		String script = db.jdbc().queryForObject("SELECT script FROM schema_migrations", String.class);
		assertThat(script).contains("NOT VALID").contains("VALIDATE CONSTRAINT \"orders_user_id_fkey\"");
	}

	@Test
	void failedValidationCanBeRetriedAfterTheDataIsFixed() {
		db.jdbc().update("UPDATE orders SET user_id = 999 WHERE id = 1");
		Migration fk = migration("20260101000000_orders_user_fk", false, (q) -> SafeOperations.on(q)
			.addConstraintValidatedSeparately("orders", ConstraintDefinition.foreignKey("user_id").references("users", "id")));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator(fk).migrate())
			.withMessageContaining("orders_user_id_fkey");
		db.jdbc().update("UPDATE orders SET user_id = 1 WHERE id = 1");
		assertThat(migrator(fk).retry().migrations()).hasSize(1);
		assertThat(db.jdbc()
			.queryForObject("SELECT convalidated FROM pg_constraint WHERE conname = 'orders_user_id_fkey'", Boolean.class))
			.isTrue();
	}

	@Test
	void setNotNullGoesThroughAValidatedCheckAndLeavesNoHelperConstraint() {
		migrator(migration("20260101000000_total_not_null", false,
				(q) -> SafeOperations.on(q).setNotNull("orders", "total")))
			.migrate();
		assertThat(db.jdbc().queryForObject(
				"SELECT is_nullable FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'total'",
				String.class)).isEqualTo("NO");
		assertThat(db.jdbc().queryForList("SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass",
				String.class)).containsExactly("orders_pkey");
		assertThat(db.jdbc().queryForObject("SELECT script FROM schema_migrations", String.class))
			.contains("CHECK (\"total\" IS NOT NULL) NOT VALID")
			.contains("VALIDATE CONSTRAINT")
			.contains("SET NOT NULL");
	}

	@Test
	void setNotNullOnAColumnWithNullsFailsAndLeavesNothingBehind() {
		CatalogSnapshot before = CatalogSnapshot.of(db.dataSource());
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> migrator(migration("20260101000000_status_not_null", false,
					(q) -> SafeOperations.on(q).setNotNull("orders", "status")))
				.migrate())
			.withMessageContaining("orders_status_not_null");
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(before);
	}

	@Test
	void backfillUpdatesInBatchesAndResumes() {
		Step backfill = (q) -> SafeOperations.on(q)
			.backfill("orders")
			.set("status", "'pending'")
			.where("status IS NULL")
			.batchSize(700)
			.pause(Duration.ZERO)
			.run();
		migrator(migration("20260101000000_backfill_status", false, backfill)).migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders WHERE status IS NULL", Integer.class)).isZero();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders WHERE status = 'pending'", Integer.class))
			.isEqualTo(5000);
		BackfillProgress progress = BackfillProgress.byTable().get("orders");
		assertThat(progress.rows()).isEqualTo(5000);
		assertThat(progress.batches()).isEqualTo((5000 + 699) / 700);
		assertThat(progress.running()).isFalse();
		String script = db.jdbc().queryForObject("SELECT script FROM schema_migrations", String.class);
		assertThat(script).contains("UPDATE \"orders\" SET \"status\" = 'pending' WHERE \"id\" <= ?");

		// A second run (after a kill, say) finds nothing left to do.
		db.jdbc().update("DELETE FROM schema_migrations");
		migrator(migration("20260101000000_backfill_status", false, backfill)).migrate();
		assertThat(BackfillProgress.byTable().get("orders").rows()).isZero();
	}

	@Test
	void backfillWithABoundValueAndAnExplicitKey() {
		migrator(migration("20260101000000_backfill_total", false, (q) -> SafeOperations.on(q)
			.backfill("orders")
			.key("id")
			.setValue("status", "it's \"quoted\"; DROP TABLE orders")
			.where("total > 9000")
			.run())).migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders WHERE status = ?", Integer.class,
				"it's \"quoted\"; DROP TABLE orders")).isEqualTo(1000);
	}

	@Test
	void deleteInBatchesRemovesOnlyTheMatchingRows() {
		migrator(migration("20260101000000_purge_unpaid", false, (q) -> SafeOperations.on(q)
			.deleteInBatches("orders")
			.where("status IS NULL AND total > ?".replace("?", "100"))
			.batchSize(999)
			.pause(Duration.ZERO)
			.run())).migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class)).isEqualTo(10000 - 4950);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders WHERE status IS NULL", Integer.class))
			.isEqualTo(50);
		assertThat(BackfillProgress.byTable().get("orders").rows()).isEqualTo(4950);
	}

	@Test
	void expandAndContractRenameAColumnWithoutDowntime() {
		CatalogSnapshot before = CatalogSnapshot.of(db.dataSource());
		Migration expand = new Migration() {

			@Override
			public String id() {
				return "20260101000000_expand_users_name";
			}

			@Override
			public boolean transactional() {
				return false;
			}

			@Override
			public void up(QueryInterface q) {
				SafeOperations.on(q).expandColumnRename("users", "name", "full_name");
			}

			@Override
			public void down(QueryInterface q) {
				SafeOperations.on(q).undoExpandColumnRename("users", "name", "full_name");
			}

		};
		migrator(expand).migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM users WHERE full_name = name", Integer.class))
			.isEqualTo(100);
		// Old code writes the old column, new code the new one: the trigger keeps both in step.
		db.jdbc().update("INSERT INTO users (id, name) VALUES (1001, 'old writer')");
		db.jdbc().update("INSERT INTO users (id, full_name) VALUES (1002, 'new writer')");
		db.jdbc().update("UPDATE users SET full_name = 'renamed' WHERE id = 1");
		db.jdbc().update("UPDATE users SET name = 'renamed again' WHERE id = 2");
		assertThat(db.jdbc().queryForList("SELECT name || '|' || full_name FROM users WHERE id IN (1, 2, 1001, 1002) "
				+ "ORDER BY id", String.class))
			.containsExactly("renamed|renamed", "renamed again|renamed again", "old writer|old writer",
					"new writer|new writer");

		migrator(expand).undo();
		db.jdbc().update("DELETE FROM users WHERE id > 1000");
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(before);

		migrator(expand).migrate();
		migrator(expand, new ContractUsersName()).migrate();
		assertThat(db.jdbc().queryForList("SELECT column_name FROM information_schema.columns "
				+ "WHERE table_name = 'users' ORDER BY ordinal_position", String.class))
			.containsExactly("id", "full_name");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal", Integer.class))
			.isZero();
		assertThat(db.jdbc().queryForObject(
				"SELECT safety_acknowledgements FROM schema_migrations WHERE id = '20260102000000_contract_users_name'",
				String.class))
			.isEqualTo("drop-column: the release before this one reads and writes full_name only");
	}

	@Acknowledge(check = "drop-column", reason = "the release before this one reads and writes full_name only")
	static class ContractUsersName implements Migration {

		@Override
		public String id() {
			return "20260102000000_contract_users_name";
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void up(QueryInterface q) {
			SafeOperations.on(q).contractColumnRename("users", "name", "full_name");
		}

	}

}
