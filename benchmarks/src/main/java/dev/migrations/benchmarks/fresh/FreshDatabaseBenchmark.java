package dev.migrations.benchmarks.fresh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.migrations.core.Migration;
import dev.migrations.core.Migrator;
import dev.migrations.schema.QueryInterface;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What a fresh migrated database costs a test class, the two ways: migrating a new empty database each time, or
 * copying a template migrated once ({@code CREATE DATABASE … TEMPLATE …}, what {@code @MigratedDatabase} does); and
 * what {@code migrations.group} changes in applying N migrations to a fresh database. Migration i is
 * {@code CREATE TABLE t_i (id bigint primary key, name text)}, as in the main harness.
 *
 * <p>Each measured case, per N and per repetition (after the warm-ups), in this order: <ul>
 * <li>{@code migrate}: CREATE DATABASE, then {@code Migrator.migrate()} of the N migrations (each in its own
 * transaction);
 * <li>{@code group}: the same with {@code group(true)} (one transaction, one commit);
 * <li>{@code copy}: CREATE DATABASE from the template, which was built once per N before the repetitions (its build,
 * one migrate plus a rename, is reported too).
 * </ul>
 * Dropping the databases is not timed. Every timed database is checked to hold N tables.
 *
 * <p>Usage: {@code FreshDatabaseBenchmark [--sizes 100,1000] [--reps 5] [--warmup 1] [--jdbc
 * jdbc:postgresql://127.0.0.1:5432/] [--user postgres] [--out benchmarks/RESULTS-fresh.md]}; run by
 * {@code benchmarks/run-fresh.sh}.
 */
public final class FreshDatabaseBenchmark {

	private static final List<String> CASES = List.of("migrate", "group", "copy");

	private FreshDatabaseBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		List<Integer> sizes = Arrays.stream(options.getOrDefault("sizes", "100,1000").split(","))
			.map(Integer::parseInt)
			.toList();
		int reps = Integer.parseInt(options.getOrDefault("reps", "5"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
		String server = options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/");
		String base = server.endsWith("/") ? server : server + "/";
		String user = options.getOrDefault("user", "postgres");
		StringBuilder table = new StringBuilder("""
				| N | case | median ms | min–max ms | per test class vs migrate |
				| ---: | --- | ---: | ---: | ---: |
				""");
		StringBuilder builds = new StringBuilder();
		for (int n : sizes) {
			List<Migration> migrations = migrations(n);
			String template = "bench_tpl_" + random();
			Map<String, List<Long>> samples = new HashMap<>();
			try {
				long buildStart = System.nanoTime();
				admin(base, user, "CREATE DATABASE " + template);
				Migrator.builder(dataSource(base + template, user)).migrations(migrations).build().migrate();
				long buildMs = millis(buildStart);
				builds.append(String.format(Locale.ROOT,
						"- N = %d: template built (CREATE DATABASE + migrate) in %d ms%n", n, buildMs));
				for (int rep = -warmup; rep < reps; rep++) {
					for (String kind : CASES) {
						String database = "bench_fresh_" + random();
						long start = System.nanoTime();
						if (kind.equals("copy")) {
							admin(base, user, "CREATE DATABASE " + database + " TEMPLATE " + template);
						}
						else {
							admin(base, user, "CREATE DATABASE " + database);
							Migrator.builder(dataSource(base + database, user))
								.migrations(migrations)
								.group(kind.equals("group"))
								.build()
								.migrate();
						}
						long ms = millis(start);
						try {
							check(base + database, user, n);
						}
						finally {
							admin(base, user, "DROP DATABASE " + database + " WITH (FORCE)");
						}
						System.out.printf(Locale.ROOT, "[fresh] N=%d rep=%d %s %d ms%n", n, rep, kind, ms);
						if (rep >= 0) {
							samples.computeIfAbsent(kind, (k) -> new ArrayList<>()).add(ms);
						}
					}
				}
			}
			finally {
				admin(base, user, "DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
			}
			double migrate = median(samples.get("migrate"));
			for (String kind : CASES) {
				List<Long> values = samples.get(kind);
				table.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %d–%d | %.3f× |%n", n, kind,
						median(values), values.stream().mapToLong(Long::longValue).min().orElse(0),
						values.stream().mapToLong(Long::longValue).max().orElse(0), median(values) / migrate));
			}
		}
		String version = admin(base, user, null);
		String report = String.format(Locale.ROOT, """
				# Fresh migrated databases: template copy vs migrating; group vs one transaction each

				Run %s, commit %s, command `%s`, %d repetition(s) after %d warm-up(s), PostgreSQL %s, Java %s, %d cores.

				%s
				%s""", ZonedDateTime.now(ZoneOffset.UTC).withNano(0), System.getenv().getOrDefault("BENCH_GIT_COMMIT",
				"?"), System.getenv().getOrDefault("BENCH_COMMAND", "FreshDatabaseBenchmark " + String.join(" ", args)),
				reps, warmup, version, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				table, builds);
		System.out.println(report);
		String out = options.get("out");
		if (out != null) {
			Files.writeString(Path.of(out), report);
		}
	}

	private static List<Migration> migrations(int n) {
		List<Migration> migrations = new ArrayList<>();
		for (int i = 1; i <= n; i++) {
			migrations.add(new CreateTable(i));
		}
		return migrations;
	}

	private static void check(String url, String user, int n) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement();
				var result = statement.executeQuery("SELECT count(*) FROM information_schema.tables "
						+ "WHERE table_schema = 'public' AND table_name LIKE 't\\_%'")) {
			result.next();
			if (result.getInt(1) != n) {
				throw new IllegalStateException(url + " holds " + result.getInt(1) + " tables, not " + n);
			}
		}
	}

	/** Runs one statement on the postgres database, or, with {@code null}, returns the server's version. */
	private static String admin(String base, String user, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(base + "postgres", user, "");
				Statement statement = connection.createStatement()) {
			if (sql == null) {
				try (var result = statement.executeQuery("SHOW server_version")) {
					result.next();
					return result.getString(1);
				}
			}
			statement.execute(sql);
			return "";
		}
	}

	private static SimpleDriverDataSource dataSource(String url, String user) throws Exception {
		return new SimpleDriverDataSource(DriverManager.getDriver(url), url, user, "");
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int size = sorted.size();
		return (size % 2 == 1) ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2.0;
	}

	private static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static String random() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static Map<String, String> options(String[] args) throws IOException {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Expected --name value, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	/** Migration i: one table. */
	private static final class CreateTable implements Migration {

		private final int i;

		CreateTable(int i) {
			this.i = i;
		}

		@Override
		public String id() {
			// One second apart: a valid UTC timestamp for any N.
			return java.time.LocalDateTime.of(2026, 1, 1, 0, 0)
				.plusSeconds(this.i)
				.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_create_t_" + this.i;
		}

		@Override
		public void up(QueryInterface q) {
			q.sql("CREATE TABLE t_" + this.i + " (id bigint primary key, name text)");
		}

		@Override
		public void down(QueryInterface q) {
			q.sql("DROP TABLE t_" + this.i);
		}

	}

}
