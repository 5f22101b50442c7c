package dev.migrations.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.test.FreshDatabase;
import dev.migrations.test.PgBouncer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Migrations through a real PgBouncer in transaction mode are refused, leave nothing behind on its server
 * connections, and work through a direct connection ({@code migrations.url}).
 */
class ConnectionPoolerTests {

	@RegisterExtension
	@Order(1)
	static final FreshDatabase db = new FreshDatabase();

	@RegisterExtension
	@Order(2)
	static final PgBouncer pgbouncer = new PgBouncer(db);

	@BeforeEach
	void reset() {
		db.reset();
	}

	private static List<Migration> migrations() {
		return List.of(Fixture.table("20260101000000_create_orders", "orders"),
				Fixture.nonTransactional("20260101000001_index_orders",
						(q) -> q.sql("CREATE INDEX CONCURRENTLY orders_id ON orders (id)"),
						(q) -> q.sql("DROP INDEX CONCURRENTLY orders_id")));
	}

	@Test
	void migrateThroughATransactionModePoolerIsRefusedNamingMigrationsUrl() {
		HikariDataSource pooled = pgbouncer.newDataSource(2);
		Migrator migrator = Migrator.builder(pooled).migrations(migrations()).build();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("connection pooler")
			.withMessageContaining("PgBouncer pool_mode=transaction")
			.withMessageContaining("Advisory locks and session settings do not work through it")
			.withMessageContaining("migrations.url")
			.withMessageContaining("migrations.user and migrations.password");
		assertThat(db.jdbc().queryForObject("SELECT to_regclass('orders') IS NULL", Boolean.class)).isTrue();
		assertThat(db.jdbc().queryForObject("SELECT to_regclass('schema_migrations') IS NULL", Boolean.class))
			.isTrue();
	}

	@Test
	void everyLockingCommandIsRefusedThroughThePooler() {
		HikariDataSource pooled = pgbouncer.newDataSource(2);
		Migrator migrator = Migrator.builder(pooled).migrations(migrations()).build();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::undo)
			.withMessageContaining("migrations.url");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::retry)
			.withMessageContaining("migrations.url");
		SeedRunner seeds = SeedRunner.builder(pooled).seeders(List.of(SeedFixture.of("20260101000000_roles",
				(q) -> q.sql("SELECT 1"), (q) -> q.sql("SELECT 1")))).build();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(seeds::seed)
			.withMessageContaining("migrations.url");
	}

	@Test
	void statusReadsThroughThePooler() {
		HikariDataSource pooled = pgbouncer.newDataSource(2);
		Migrator migrator = Migrator.builder(pooled).migrations(migrations()).build();
		assertThat(migrator.status().migrations()).hasSize(2);
	}

	@Test
	void theSameMigrationsRunThroughADirectConnection() {
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations()).build();
		assertThat(migrator.migrate().migrations()).containsExactly("20260101000000_create_orders",
				"20260101000001_index_orders");
		assertThat(db.jdbc().queryForObject("SELECT to_regclass('orders_id') IS NOT NULL", Boolean.class)).isTrue();
	}

	@Test
	void aRefusedRunLeavesNoLockAndNoSettingOnAnyServerConnection() throws Exception {
		String[] defaults = serverDefaults();
		HikariDataSource pooled = pgbouncer.newDataSource(2);
		Migrator migrator = Migrator.builder(pooled).migrations(migrations()).build();
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::migrate);
		}
		// Only this test's database: pg_locks lists the whole server, where other runs may hold their own locks.
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
				+ "(SELECT oid FROM pg_database WHERE datname = current_database())", Long.class))
			.isZero();
		// Each open transaction pins one server connection: with POOL_SIZE of them open, every one is seen.
		List<Connection> pinned = new ArrayList<>();
		Set<Integer> pids = new HashSet<>();
		try {
			for (int i = 0; i < PgBouncer.POOL_SIZE; i++) {
				Connection connection = pgbouncer.connect();
				pinned.add(connection);
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
						"SELECT pg_backend_pid(), " + SETTINGS + ", coalesce(current_setting('migrations.probe', true), '')")) {
					rs.next();
					pids.add(rs.getInt(1));
					for (int column = 0; column < defaults.length; column++) {
						assertThat(rs.getString(column + 2)).as(SETTING_NAMES[column]).isEqualTo(defaults[column]);
					}
					assertThat(rs.getString(defaults.length + 2)).as("migrations.probe").isEmpty();
				}
			}
			assertThat(pids).hasSize(PgBouncer.POOL_SIZE);
		}
		finally {
			for (Connection connection : pinned) {
				connection.rollback();
				connection.close();
			}
		}
	}

	static final String[] SETTING_NAMES = { "lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout",
			"client_connection_check_interval", "application_name" };

	static final String SETTINGS = String.join(", ",
			java.util.Arrays.stream(SETTING_NAMES).map((name) -> "current_setting('" + name + "')").toList());

	/** The settings of a brand-new direct session: what every connection must show after a run. */
	private static String[] serverDefaults() throws Exception {
		try (Connection connection = db.connect(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT " + SETTINGS)) {
			rs.next();
			String[] values = new String[SETTING_NAMES.length];
			for (int i = 0; i < values.length; i++) {
				values[i] = rs.getString(i + 1);
			}
			return values;
		}
	}

}
