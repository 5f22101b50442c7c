package dev.migrations.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schema lock against real sessions: waiters, holders that die, replicas that start together.
 */
class SchemaLockTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final long KEY = SchemaLock.key("public", "schema_migrations");

	@BeforeEach
	void reset() {
		db.reset();
	}

	private static List<Migration> migrations() {
		List<Migration> migrations = new ArrayList<>();
		migrations.add(Fixture.of("20260101000000_create_runs",
				(q) -> q.createTable("runs", (t) -> t.text("migration").notNull()), (q) -> q.dropTable("runs")));
		for (int i = 1; i <= 5; i++) {
			String id = "2026010100000" + i + "_step_" + i;
			String table = "t" + i;
			migrations.add(Fixture.of(id, (q) -> {
				q.createTable(table, (t) -> t.bigint("id").primaryKey());
				q.sql("INSERT INTO runs (migration) VALUES (?)", id);
				// Widen the window in which another replica could run the same migration.
				q.sql("SELECT pg_sleep(0.05)");
			}, (q) -> q.dropTable(table)));
		}
		return migrations;
	}

	private Connection holdLock(String applicationName) throws Exception {
		Connection holder = db.connect();
		try (Statement statement = holder.createStatement()) {
			statement.execute("SET application_name = '" + applicationName + "'");
		}
		try (PreparedStatement statement = holder.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, KEY);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				assertThat(rs.getBoolean(1)).isTrue();
			}
		}
		return holder;
	}

	private static int pid(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
			rs.next();
			return rs.getInt(1);
		}
	}

	@Test
	void waiterThatTimesOutNamesTheHolder() throws Exception {
		try (Connection holder = holdLock("orders-service-7f9c")) {
			int pid = pid(holder);
			Migrator migrator = Migrator.builder(db.dataSource())
				.migrations(migrations())
				.lockTimeout(Duration.ofMillis(800))
				.build();
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("pid " + pid)
				.withMessageContaining("orders-service-7f9c")
				.withMessageContaining("migrations.lock.timeout")
				.satisfies((ex) -> assertThat(ex.getHolder().pid()).isEqualTo(pid));
			assertThat(migrator.status().lockHolder().applicationName()).isEqualTo("orders-service-7f9c");
		}
		// The server ends the holder's session a moment after the client closes it.
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations()).build();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> migrator.status().lockHolder() == null);
	}

	@Test
	void holderWhoseSessionDiesFreesTheLock() throws Exception {
		Connection holder = holdLock("doomed");
		int pid = pid(holder);
		Migrator migrator = Migrator.builder(db.dataSource())
			.migrations(migrations())
			.lockTimeout(Duration.ofSeconds(60))
			.build();
		CompletableFuture<CommandResult> waiting = CompletableFuture.supplyAsync(migrator::migrate);
		Thread.sleep(300);
		assertThat(waiting).isNotDone();
		db.jdbc().queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);
		CommandResult result = waiting.get(30, TimeUnit.SECONDS);
		assertThat(result.migrations()).hasSize(6);
		holder.close();
	}

	@Test
	void lockIsReleasedAfterEveryCommandAndAfterAFailure() {
		List<Migration> failing = new ArrayList<>(migrations());
		failing.add(Fixture.of("20260102000000_broken", (q) -> q.sql("SELECT broken"), (q) -> {
		}));
		assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> Migrator.builder(db.dataSource()).migrations(failing).build().migrate());
		// pg_locks is server-wide: count only this database's locks, not those of tests running elsewhere.
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
				+ "(SELECT oid FROM pg_database WHERE datname = current_database())", Integer.class))
			.isZero();
	}

	@Test
	void connectionWhoseUnlockFailsIsClosedNotReturnedToThePool() throws Exception {
		List<Integer> migrationPids = new ArrayList<>();
		Migration releasesTheLockBehindOurBack = Fixture.of("20260101000000_sneaky", (q) -> {
			if (!q.dryRun()) {
				migrationPids.add(q.jdbc().queryForObject("SELECT pg_backend_pid()", Integer.class));
			}
			q.sql("SELECT pg_advisory_unlock_all()");
		}, (q) -> {
		});
		try (HikariDataSource single = db.newDataSource(1)) {
			Migrator.builder(single).migrations(List.of(releasesTheLockBehindOurBack)).build().migrate();
			int pidAfter = new org.springframework.jdbc.core.JdbcTemplate(single)
				.queryForObject("SELECT pg_backend_pid()", Integer.class);
			assertThat(migrationPids).hasSize(1);
			assertThat(pidAfter).as("the pool's connection after the run").isNotEqualTo(migrationPids.get(0));
		}
	}

	// Six replicas starting together: SharedBehaviourTests, on PostgreSQL and MariaDB.

}
