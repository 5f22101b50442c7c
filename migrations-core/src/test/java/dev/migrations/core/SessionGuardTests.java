package dev.migrations.core;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A run hands its connection back to the pool with the server's settings, whatever it and its migrations set; a
 * session whose client died releases the lock within seconds.
 */
class SessionGuardTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private HikariDataSource pool;

	@BeforeEach
	void setUp() {
		db.reset();
		this.pool = db.newDataSource(1);
	}

	@AfterEach
	void close() {
		this.pool.close();
	}

	private static Migration settingMigration() {
		// Session-level SETs inside a committed transaction outlive it: the run must set them back.
		return Fixture.of("20260101000000_create_orders", (q) -> {
			q.sql("SET idle_in_transaction_session_timeout = '11s'");
			q.sql("SET application_name = 'leaky'");
			q.createTable("orders", (t) -> t.bigint("id").primaryKey());
		}, (q) -> {
			q.sql("SET lock_timeout = '3s'");
			q.dropTable("orders");
		});
	}

	private static Migration nonTransactional() {
		return Fixture.nonTransactional("20260101000001_index_orders", (q) -> {
			q.sql("SET client_connection_check_interval = '7s'");
			q.sql("CREATE INDEX CONCURRENTLY orders_id ON orders (id)");
		}, (q) -> q.sql("DROP INDEX CONCURRENTLY orders_id"));
	}

	private static Migration failing() {
		return Fixture.nonTransactional("20260101000002_fails", (q) -> {
			q.sql("SET statement_timeout = '9s'");
			q.sql("SELECT 1 / 0");
		}, (q) -> q.sql("SELECT 1"));
	}

	@Test
	void everyCommandHandsThePooledConnectionBackWithTheServerSettings() throws Exception {
		String[] defaults = settings(db.connect());
		Migrator migrator = Migrator.builder(this.pool).migrations(List.of(settingMigration(), nonTransactional())).build();
		migrator.migrate();
		assertPooledConnectionShows(defaults, "after migrate");
		Migrator withFailure = Migrator.builder(this.pool)
			.migrations(List.of(settingMigration(), nonTransactional(), failing()))
			.build();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(withFailure::migrate);
		assertPooledConnectionShows(defaults, "after a failed migrate");
		withFailure.markRolledBack(null);
		assertPooledConnectionShows(defaults, "after mark-rolled-back");
		migrator.undoAll();
		assertPooledConnectionShows(defaults, "after undo");
		migrator.plan();
		assertPooledConnectionShows(defaults, "after plan");
		migrator.status();
		assertPooledConnectionShows(defaults, "after status");
		SeedRunner seeds = SeedRunner.builder(this.pool)
			.seeders(List.of(SeedFixture.of("20260101000000_settings", (q) -> q.sql("SET lock_timeout = '4s'"),
					(q) -> q.sql("SET statement_timeout = '4s'"))))
			.build();
		seeds.seed();
		assertPooledConnectionShows(defaults, "after seed");
		seeds.undo();
		assertPooledConnectionShows(defaults, "after seed undo");
	}

	@Test
	void theRunSetsTheConnectionCheckIntervalOnItsSessionOnly() {
		Migrator migrator = Migrator.builder(this.pool)
			.migrations(List.of(Fixture.nonTransactional("20260101000000_read_interval",
					(q) -> q.sql("CREATE TABLE seen AS SELECT current_setting('client_connection_check_interval') AS v"),
					(q) -> q.sql("DROP TABLE seen"))))
			.build();
		migrator.migrate();
		assertThat(db.jdbc().queryForObject("SELECT v FROM seen", String.class)).isEqualTo("2s");
	}

	@Test
	void aKilledProcessReleasesTheLockWhileItsStatementStillRuns() throws Exception {
		String java = ProcessHandle.current().info().command()
			.orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				OrphanedMigrationProcess.class.getName(), db.url(), db.user(), db.password(), "1000")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> advisoryLocks() == 1
					&& db.jdbc().queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
							+ "AND state = 'active' AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()", Long.class) == 1);
		}
		finally {
			child.destroyForcibly();
			child.waitFor(30, TimeUnit.SECONDS);
		}
		// Without the check the backend would hold the lock until pg_sleep(60) returns.
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> advisoryLocks() == 0);
	}

	private static long advisoryLocks() {
		return db.jdbc().queryForObject("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
				+ "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()", Long.class);
	}

	private void assertPooledConnectionShows(String[] defaults, String when) throws Exception {
		try (Connection connection = this.pool.getConnection()) {
			String[] actual = settings(connection);
			for (int i = 0; i < defaults.length; i++) {
				assertThat(actual[i]).as(ConnectionPoolerTests.SETTING_NAMES[i] + " " + when).isEqualTo(defaults[i]);
			}
		}
	}

	private static String[] settings(Connection connection) throws Exception {
		try (connection; Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT " + ConnectionPoolerTests.SETTINGS)) {
			rs.next();
			String[] values = new String[ConnectionPoolerTests.SETTING_NAMES.length];
			for (int i = 0; i < values.length; i++) {
				values[i] = rs.getString(i + 1);
			}
			return values;
		}
	}

}
