package dev.migrations.core;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.dialect.Dialect;
import dev.migrations.schema.DataType;
import dev.migrations.schema.IndexDefinition;
import dev.migrations.schema.ReferentialAction;
import dev.migrations.schema.Rows;
import dev.migrations.test.FreshDatabase;
import dev.migrations.test.FreshMariaDb;
import dev.migrations.test.TestDatabase;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine's behaviour that every database must share (lock, history, undo, status, plan, seeders, failure
 * recovery), one suite run against PostgreSQL and MariaDB. Where the databases differ by design (DDL is not
 * transactional on MariaDB) the test says what each must do. The MariaDB runs are skipped, with a message, where no
 * MariaDB answers.
 */
class SharedBehaviourTests {

	@RegisterExtension
	static final FreshDatabase postgres = new FreshDatabase();

	@RegisterExtension
	static final FreshMariaDb mariadb = FreshMariaDb.optional();

	static Stream<Named<TestDatabase>> databases() {
		return TestDatabase.each(postgres, mariadb);
	}

	private static void fresh(TestDatabase db) {
		db.require();
		db.reset();
	}

	private static boolean transactionalDdl(TestDatabase db) {
		return "PostgreSQL".equals(db.product());
	}

	private static String sleep(TestDatabase db, double seconds) {
		return transactionalDdl(db) ? "SELECT pg_sleep(" + seconds + ")" : "SELECT SLEEP(" + seconds + ")";
	}

	private static List<Migration> sample() {
		List<Migration> migrations = new ArrayList<>();
		migrations.add(Fixture.of("20260501120000_create_users", (q) -> q.createTable("users", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.varchar("email", 200).notNull().unique();
			t.text("status").notNull().defaultValue("active");
			t.timestamps();
		}), (q) -> q.dropTable("users")));
		migrations.add(Fixture.of("20260501120100_create_orders", (q) -> {
			q.createTable("orders", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.bigint("user_id").notNull().references("users", "id").onDelete(ReferentialAction.CASCADE);
				t.decimal("total", 10, 2).notNull();
				t.jsonb("details");
				t.timestamps();
			});
			q.addIndex("orders", IndexDefinition.index("user_id"));
		}, (q) -> q.dropTable("orders")));
		migrations.add(Fixture.of("20260502090000_add_refund_reason_to_orders",
				(q) -> q.addColumn("orders", "refund_reason", DataType.text()),
				(q) -> q.removeColumn("orders", "refund_reason")));
		return migrations;
	}

	private static Migrator migrator(TestDatabase db, List<Migration> migrations) {
		return Migrator.builder(db.dataSource()).migrations(migrations).build();
	}

	private static List<Map<String, Object>> history(TestDatabase db) {
		return db.jdbc().queryForList("SELECT * FROM schema_migrations ORDER BY id");
	}

	private static boolean tableExists(TestDatabase db, String table) {
		return db.jdbc()
			.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = "
					+ currentSchema(db), Integer.class, table) > 0;
	}

	/** The SQL of the current schema: information_schema lists every database of a MariaDB server. */
	private static String currentSchema(TestDatabase db) {
		return transactionalDdl(db) ? "current_schema()" : "DATABASE()";
	}

	// ---- history

	@ParameterizedTest
	@MethodSource("databases")
	void appliesPendingMigrationsInOrderAndRecordsEach(TestDatabase db) {
		fresh(db);
		CommandResult result = migrator(db, sample()).migrate();
		assertThat(result.migrations()).containsExactly("20260501120000_create_users", "20260501120100_create_orders",
				"20260502090000_add_refund_reason_to_orders");
		List<Map<String, Object>> rows = history(db);
		assertThat(rows).extracting((row) -> row.get("state")).containsOnly("applied");
		assertThat(rows).extracting((row) -> ((Number) row.get("batch")).intValue()).containsOnly(1);
		Map<String, Object> orders = rows.get(1);
		assertThat(orders.get("description")).isEqualTo("create orders");
		// MariaDB commits DDL as it runs: every migration is recorded running first, then applied.
		assertThat(orders.get("transactional")).isIn(transactionalDdl(db), transactionalDdl(db) ? 1 : 0);
		assertThat(orders.get("finished_at")).isNotNull();
		assertThat((String) orders.get("script")).contains("CREATE TABLE " + db.quote("orders"))
			.contains("CREATE INDEX " + db.quote("orders_user_id_idx") + " ON " + db.quote("orders"));
		db.jdbc().update("INSERT INTO users (email) VALUES ('a@example.com')");
		db.jdbc().update("INSERT INTO orders (user_id, total, refund_reason) SELECT id, 10.50, 'late' FROM users");
		assertThat(db.jdbc().queryForObject("SELECT status FROM users", String.class)).isEqualTo("active");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders WHERE created_at IS NOT NULL", Integer.class))
			.isEqualTo(1);
		assertThat(migrator(db, sample()).migrate().migrations()).isEmpty();
	}

	// ---- undo

	@ParameterizedTest
	@MethodSource("databases")
	void undoRevertsTheLastMigrationAndUndoAllEverything(TestDatabase db) {
		fresh(db);
		migrator(db, sample()).migrate();
		assertThat(migrator(db, sample()).undo().migrations()).containsExactly("20260502090000_add_refund_reason_to_orders");
		assertThat(db.jdbc().queryForList("SELECT column_name FROM information_schema.columns WHERE table_name = "
				+ "'orders' AND column_name = 'refund_reason' AND table_schema = " + currentSchema(db))).isEmpty();
		assertThat(history(db)).hasSize(2);
		assertThat(migrator(db, sample()).undoAll().migrations()).containsExactly("20260501120100_create_orders",
				"20260501120000_create_users");
		assertThat(tableExists(db, "orders")).isFalse();
		assertThat(tableExists(db, "users")).isFalse();
		assertThat(history(db)).isEmpty();
	}

	// ---- status and plan

	@ParameterizedTest
	@MethodSource("databases")
	void statusTellsAppliedFromPending(TestDatabase db) {
		fresh(db);
		List<Migration> migrations = sample();
		migrator(db, migrations).migrateSteps(1);
		StatusReport status = migrator(db, migrations).status();
		assertThat(status.migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.PENDING, MigrationState.PENDING);
		assertThat(status.isUpToDate()).isFalse();
		assertThat(status.lockHolder()).isNull();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void planShowsTheSqlAndTouchesNothing(TestDatabase db) {
		fresh(db);
		MigrationPlan plan = migrator(db, sample()).plan();
		assertThat(plan.migrations()).hasSize(3);
		assertThat(plan.migrations().get(0).statements().get(0).sql()).startsWith("CREATE TABLE " + db.quote("users"));
		assertThat(plan.describe()).contains("ALTER TABLE " + db.quote("orders") + " ADD COLUMN "
				+ db.quote("refund_reason"));
		assertThat(tableExists(db, "users")).isFalse();
	}

	// ---- seeders

	@ParameterizedTest
	@MethodSource("databases")
	void seedersRunOnceAndUndo(TestDatabase db) {
		fresh(db);
		migrator(db, List.of(Fixture.of("20260101000000_roles", (q) -> q.createTable("roles", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.varchar("name", 50).notNull().unique();
		}), (q) -> q.dropTable("roles")))).migrate();
		List<Map<String, Object>> roles = List.of(Map.of("name", "admin"), Map.of("name", "member"));
		List<Seeder> seeders = List.of(SeedFixture.of("20260102000000_roles",
				(q) -> Rows.of(q).insertIfAbsent("roles", List.of("name"), roles),
				(q) -> q.sql("DELETE FROM roles")));
		SeedRunner runner = SeedRunner.builder(db.dataSource()).seeders(seeders).build();
		assertThat(runner.seed().migrations()).containsExactly("20260102000000_roles");
		assertThat(runner.seed().migrations()).isEmpty();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM roles", Integer.class)).isEqualTo(2);
		assertThat(runner.undo().migrations()).containsExactly("20260102000000_roles");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM roles", Integer.class)).isZero();
	}

	// ---- failure recovery

	@ParameterizedTest
	@MethodSource("databases")
	void failedMigrationIsLeftAsTheDatabaseCanAndRecoversByCommand(TestDatabase db) {
		fresh(db);
		boolean[] broken = { true };
		List<Migration> migrations = List.of(Fixture.table("20260101000000_a", "a"),
				Fixture.of("20260101000001_half_done", (q) -> {
					q.createTable("b", (t) -> t.bigint("id"));
					if (broken[0]) {
						q.sql("SELECT * FROM no_such_table");
					}
				}, (q) -> q.dropTable("b")));
		if (transactionalDdl(db)) {
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> migrator(db, migrations).migrate())
				.withMessageContaining("20260101000001_half_done")
				.withMessageContaining("rolled back");
			assertThat(history(db)).hasSize(1);
			assertThat(tableExists(db, "b")).isFalse();
			broken[0] = false;
			assertThat(migrator(db, migrations).migrate().migrations()).containsExactly("20260101000001_half_done");
		}
		else {
			// DDL committed as it ran: a failed row that says which statements ran, resolved by command.
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> migrator(db, migrations).migrate())
				.withMessageContaining("20260101000001_half_done")
				.withMessageContaining("marked failed")
				.withMessageContaining("Statements it ran, the last one failing: CREATE TABLE `b`")
				.withMessageContaining("SELECT * FROM no_such_table");
			Map<String, Object> failed = history(db).get(1);
			assertThat(failed.get("state")).isEqualTo("failed");
			assertThat((String) failed.get("script")).contains("CREATE TABLE `b`");
			assertThat(tableExists(db, "b")).isTrue();
			assertThat(migrator(db, migrations).status().migrations()).extracting(MigrationStatus::state)
				.containsExactly(MigrationState.APPLIED, MigrationState.FAILED);
			assertThatExceptionOfType(MigrationValidationException.class)
				.isThrownBy(() -> migrator(db, migrations).migrate())
				.withMessageContaining("20260101000001_half_done is failed");
			broken[0] = false;
			db.jdbc().execute("DROP TABLE b");
			assertThat(migrator(db, migrations).retry().migrations()).containsExactly("20260101000001_half_done");
		}
		assertThat(history(db)).extracting((row) -> row.get("state")).containsOnly("applied");
		assertThat(tableExists(db, "b")).isTrue();
	}

	// ---- lock

	@ParameterizedTest
	@MethodSource("databases")
	void lockWaiterThatTimesOutNamesTheHolder(TestDatabase db) throws Exception {
		fresh(db);
		try (Connection holder = db.connect()) {
			Dialect dialect = Dialect.of(holder);
			long key = SchemaLock.key(dialect.currentSchema(holder), "schema_migrations");
			assertThat(dialect.tryLock(holder, key)).isTrue();
			long session = dialect.sessionId(holder);
			Migrator migrator = Migrator.builder(db.dataSource())
				.migrations(sample())
				.lockTimeout(Duration.ofMillis(800))
				.build();
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("pid " + session)
				.withMessageContaining("migrations.lock.timeout")
				.withMessageContaining(dialect.endSession(session))
				.satisfies((ex) -> assertThat(ex.getHolder().pid()).isEqualTo(session));
			assertThat(migrator.status().lockHolder().pid()).isEqualTo(session);
		}
		Migrator migrator = migrator(db, sample());
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> migrator.status().lockHolder() == null);
		assertThat(migrator.migrate().migrations()).hasSize(3);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void lockIsReleasedAfterAFailure(TestDatabase db) throws Exception {
		fresh(db);
		List<Migration> failing = List.of(Fixture.of("20260102000000_broken", (q) -> q.sql("SELECT broken"), (q) -> {
		}));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator(db, failing).migrate());
		try (Connection other = db.connect()) {
			Dialect dialect = Dialect.of(other);
			long key = SchemaLock.key(dialect.currentSchema(other), "schema_migrations");
			assertThat(dialect.lockHolder(other, key)).isEmpty();
			assertThat(dialect.tryLock(other, key)).isTrue();
			assertThat(dialect.unlock(other, key)).isTrue();
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void sixReplicasStartingTogetherApplyEachMigrationOnce(TestDatabase db) throws Exception {
		fresh(db);
		List<Migration> migrations = new ArrayList<>();
		migrations.add(Fixture.of("20260101000000_create_runs",
				(q) -> q.createTable("runs", (t) -> t.varchar("migration", 100).notNull()), (q) -> q.dropTable("runs")));
		for (int i = 1; i <= 5; i++) {
			String id = "2026010100000" + i + "_step_" + i;
			String table = "t" + i;
			migrations.add(Fixture.of(id, (q) -> {
				q.createTable(table, (t) -> t.bigint("id").primaryKey());
				q.sql("INSERT INTO runs (migration) VALUES (?)", id);
				// Widen the window in which another replica could run the same migration.
				q.sql(sleep(db, 0.05));
			}, (q) -> q.dropTable(table)));
		}
		int replicas = 6;
		CyclicBarrier barrier = new CyclicBarrier(replicas);
		ExecutorService executor = Executors.newFixedThreadPool(replicas);
		List<HikariDataSource> pools = new ArrayList<>();
		try {
			List<Future<CommandResult>> results = new ArrayList<>();
			for (int i = 0; i < replicas; i++) {
				HikariDataSource pool = db.newDataSource(2);
				pools.add(pool);
				Migrator migrator = Migrator.builder(pool)
					.migrations(migrations)
					.appliedBy("replica-" + i)
					.lockTimeout(Duration.ofSeconds(60))
					.build();
				results.add(executor.submit(() -> {
					barrier.await();
					return migrator.migrate();
				}));
			}
			List<String> applied = new ArrayList<>();
			for (Future<CommandResult> result : results) {
				applied.addAll(result.get(2, TimeUnit.MINUTES).migrations());
			}
			assertThat(applied).hasSize(6).doesNotHaveDuplicates();
			assertThat(db.jdbc().queryForList("SELECT migration FROM runs", String.class)).hasSize(5)
				.doesNotHaveDuplicates();
			assertThat(db.jdbc().queryForObject("SELECT count(DISTINCT batch) FROM schema_migrations", Integer.class))
				.isEqualTo(1);
			List<StatusReport> reports = new ArrayList<>();
			for (HikariDataSource pool : pools) {
				reports.add(Migrator.builder(pool).migrations(migrations).build().status());
			}
			assertThat(reports).allSatisfy((report) -> {
				assertThat(report.isUpToDate()).isTrue();
				assertThat(report.migrations()).isEqualTo(reports.get(0).migrations());
			});
		}
		finally {
			executor.shutdownNow();
			pools.forEach(HikariDataSource::close);
		}
	}

}
