package dev.migrations.benchmarks.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.benchmarks.floor.Statements;
import dev.migrations.core.Fleet;
import dev.migrations.core.FleetReport;
import dev.migrations.core.Migration;
import dev.migrations.core.Migrator;
import dev.migrations.core.Tenant;
import dev.migrations.schema.QueryInterface;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

/**
 * One run of the fleet benchmark in its own JVM: T schema tenants on a fresh database, M migrations each
 * ({@code CREATE TABLE t_i (id bigint primary key, name text)}), applied by one variant:
 * <ul>
 * <li>{@code floor}: plain JDBC on one connection, tenant after tenant: {@code CREATE SCHEMA}, a tracking table, then
 * per migration the statement and one INSERT, committed;</li>
 * <li>{@code flyway}: a loop over the schemas, one {@code Flyway.configure().schemas(tenant)...migrate()} each, on a
 * pool of 4 (what users write today);</li>
 * <li>{@code starter}: one {@link Fleet} with {@code --parallelism N} on a pool of N.</li>
 * </ul>
 * Prints {@code FLEET variant=... wall_ms=... peak_connections=... peak_heap_mb=...}: wall time of the migration
 * alone (not the database creation), the most sessions on the database seen at once (sampled every 10 ms, the
 * sampler's own excluded), and the most heap in use (sampled likewise). It checks that T x M tables exist afterwards.
 *
 * <p>Usage: {@code FleetBenchmark --variant starter --parallelism 4 [--tenants 1000] [--migrations 20]
 * [--jdbc jdbc:postgresql://127.0.0.1:5432/] [--user postgres]}.
 */
public final class FleetBenchmark {

	private FleetBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		Map<String, String> options = new HashMap<>(Map.of("--tenants", "1000", "--migrations", "20", "--parallelism",
				"1", "--jdbc", "jdbc:postgresql://127.0.0.1:5432/", "--user", "postgres"));
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i], args[i + 1]);
		}
		String variant = options.get("--variant");
		int tenants = Integer.parseInt(options.get("--tenants"));
		int migrations = Integer.parseInt(options.get("--migrations"));
		int parallelism = Integer.parseInt(options.get("--parallelism"));
		String user = options.get("--user");
		String database = "bench_fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String server = options.get("--jdbc");
		execute(server + "postgres", user, "CREATE DATABASE " + database);
		String url = server + database;
		List<String> schemas = new ArrayList<>();
		for (int t = 1; t <= tenants; t++) {
			schemas.add(String.format(Locale.ROOT, "tenant_%04d", t));
		}
		try (Connection monitor = DriverManager.getConnection(url, user, null)) {
			Sampler sampler = new Sampler(monitor, database);
			Thread thread = new Thread(sampler, "sampler");
			thread.setDaemon(true);
			System.gc();
			thread.start();
			long start = System.nanoTime();
			switch (variant) {
				case "floor" -> floor(url, user, schemas, migrations);
				case "flyway" -> flyway(url, user, schemas, migrations);
				case "starter" -> starter(url, user, schemas, migrations, parallelism);
				default -> throw new IllegalArgumentException("--variant floor, flyway or starter, was " + variant);
			}
			long wallMs = (System.nanoTime() - start) / 1_000_000;
			sampler.stop.set(true);
			thread.join();
			int tables = count(monitor, "SELECT count(*) FROM information_schema.tables WHERE table_schema LIKE "
					+ "'tenant\\_%' AND table_name LIKE 't\\_%'");
			if (tables != tenants * migrations) {
				throw new IllegalStateException("Expected " + (tenants * migrations) + " tables, found " + tables);
			}
			System.out.println("FLEET variant=" + variant + " parallelism=" + ("starter".equals(variant) ? parallelism
					: ("flyway".equals(variant) ? 1 : 1)) + " tenants=" + tenants + " migrations=" + migrations
					+ " wall_ms=" + wallMs + " peak_connections=" + sampler.peakConnections.get() + " peak_heap_mb="
					+ (sampler.peakHeap.get() / (1024 * 1024)));
		}
		finally {
			execute(server + "postgres", user, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
	}

	private static void floor(String url, String user, List<String> schemas, int migrations) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, user, null)) {
			for (String schema : schemas) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE SCHEMA " + schema);
					statement.execute("CREATE TABLE " + schema
							+ ".floor_history (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
					statement.execute("SET search_path TO " + schema);
				}
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement();
						PreparedStatement insert = connection
							.prepareStatement("INSERT INTO " + schema + ".floor_history (id) VALUES (?)")) {
					for (int i = 1; i <= migrations; i++) {
						statement.execute(Statements.create(i));
						insert.setString(1, Integer.toString(i));
						insert.executeUpdate();
						connection.commit();
					}
				}
			}
		}
	}

	private static void flyway(String url, String user, List<String> schemas, int migrations) throws Exception {
		Path dir = Files.createTempDirectory("fleet-flyway");
		for (int i = 1; i <= migrations; i++) {
			Files.writeString(dir.resolve("V" + i + "__create_t_" + i + ".sql"), Statements.create(i) + ";\n");
		}
		try (HikariDataSource pool = pool(url, user, 4)) {
			for (String schema : schemas) {
				Flyway.configure().dataSource(pool).schemas(schema).locations("filesystem:" + dir).load().migrate();
			}
		}
	}

	private static void starter(String url, String user, List<String> schemas, int migrations, int parallelism) {
		List<Migration> all = new ArrayList<>();
		for (int i = 1; i <= migrations; i++) {
			all.add(new Create(i));
		}
		try (HikariDataSource pool = pool(url, user, parallelism)) {
			Migrator migrator = Migrator.builder(pool).migrations(all).build();
			FleetReport report = Fleet.builder(migrator)
				.tenants(schemas.stream().map(Tenant::schema).toList())
				.parallelism(parallelism)
				.build()
				.migrate();
			if (!report.isSuccessful()) {
				throw new IllegalStateException(report.describe());
			}
		}
	}

	private static HikariDataSource pool(String url, String user, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	private static void execute(String url, String user, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, user, null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static int count(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getInt(1);
		}
	}

	/** Migration i of every tenant. */
	record Create(int i) implements Migration {

		@Override
		public String id() {
			return String.format(Locale.ROOT, "2026010100%04d_create_t_%d", this.i, this.i);
		}

		@Override
		public void up(QueryInterface q) {
			q.sql(Statements.create(this.i));
		}

	}

	/** Samples the sessions on the database (its own excluded) and the heap in use. */
	static final class Sampler implements Runnable {

		final AtomicBoolean stop = new AtomicBoolean();

		final AtomicInteger peakConnections = new AtomicInteger();

		final AtomicLong peakHeap = new AtomicLong();

		private final Connection connection;

		private final String database;

		Sampler(Connection connection, String database) {
			this.connection = connection;
			this.database = database;
		}

		@Override
		public void run() {
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			try (PreparedStatement sessions = this.connection.prepareStatement(
					"SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid() "
						+ "AND backend_type = 'client backend'")) {
				sessions.setString(1, this.database);
				while (!this.stop.get()) {
					try (ResultSet rs = sessions.executeQuery()) {
						rs.next();
						this.peakConnections.accumulateAndGet(rs.getInt(1), Math::max);
					}
					this.peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
					Thread.sleep(10);
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
