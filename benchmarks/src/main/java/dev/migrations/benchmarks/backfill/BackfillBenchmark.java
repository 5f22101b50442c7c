package dev.migrations.benchmarks.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.core.Migration;
import dev.migrations.core.Migrator;
import dev.migrations.safety.SafeOperations;
import dev.migrations.schema.QueryInterface;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The batched backfill helper on a big table with a concurrent writer: a fresh database with a table of N rows, a
 * writer that keeps updating random rows and inserting new ones, and a non-transactional migration that backfills a
 * column with {@code SafeOperations.backfill}. Reports the backfill's rows per second and the writer's latencies,
 * worst included: a batch locks at most {@code batch} rows for one short transaction, so no write waits long.
 *
 * <p>Usage: {@code BackfillBenchmark [--rows 1000000] [--batch 5000] [--pause-ms 0] [--jdbc
 * jdbc:postgresql://127.0.0.1:5432/] [--user postgres] [--out benchmarks/RESULTS-backfill.md]}; run by
 * {@code benchmarks/run-backfill.sh}.
 */
public final class BackfillBenchmark {

	private BackfillBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int rows = Integer.parseInt(options.getOrDefault("rows", "1000000"));
		int batch = Integer.parseInt(options.getOrDefault("batch", "5000"));
		long pauseMs = Long.parseLong(options.getOrDefault("pause-ms", "0"));
		String server = options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/");
		String base = server.endsWith("/") ? server : server + "/";
		String user = options.getOrDefault("user", "postgres");
		String database = "backfill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		admin(base + "postgres", user, "CREATE DATABASE " + database);
		try (HikariDataSource dataSource = pool(base + database, user, 2);
				HikariDataSource writerPool = pool(base + database, user, 1)) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			long loadStart = System.nanoTime();
			jdbc.execute("CREATE TABLE events (id bigint PRIMARY KEY, payload text NOT NULL, status text)");
			jdbc.update("INSERT INTO events SELECT g, md5(g::text), NULL FROM generate_series(1, ?) g", rows);
			jdbc.execute("VACUUM ANALYZE events");
			System.out.printf(Locale.ROOT, "[backfill] loaded %,d rows in %d ms%n", rows, millis(loadStart));

			Writer writer = new Writer(new JdbcTemplate(writerPool), rows);
			Thread writerThread = new Thread(writer, "writer");
			writerThread.start();
			Thread.sleep(500);
			long start = System.nanoTime();
			Migrator.builder(dataSource).migrations(List.of(new BackfillStatus(batch, pauseMs))).build().migrate();
			long backfillMs = millis(start);
			Thread.sleep(200);
			writer.stop();
			writerThread.join();

			long updated = jdbc.queryForObject("SELECT count(*) FROM events WHERE status = 'processed'", Long.class);
			long left = jdbc.queryForObject("SELECT count(*) FROM events WHERE status IS NULL", Long.class);
			double rowsPerSecond = updated * 1000.0 / Math.max(1, backfillMs);
			String result = String.format(Locale.ROOT, """
					| | |
					| --- | --- |
					| Date | %s |
					| Command | `benchmarks/run-backfill.sh%s` |
					| Table | %,d rows (`id bigint PRIMARY KEY, payload text, status text`) |
					| Backfill | `SafeOperations.on(q).backfill("events").set("status", "'processed'").where("status IS NULL").batchSize(%d).pause(%d ms)` in a non-transactional migration |
					| Rows updated by the backfill | %,d in %,d ms: **%,.0f rows/s** (rows left NULL, written by the writer after its batch passed: %,d) |
					| Concurrent writer | %,d statements (random-row UPDATE or INSERT, one at a time) while it ran |
					| Writer latency | median %.2f ms, p99 %.2f ms, **worst %.1f ms** |
					| Machine | %d cores, PostgreSQL on 127.0.0.1 |
					""", ZonedDateTime.now(ZoneOffset.UTC).withNano(0), displayed(args),
					rows, batch, pauseMs, updated, backfillMs, rowsPerSecond, left, writer.count(),
					writer.percentile(0.5), writer.percentile(0.99), writer.worst(),
					Runtime.getRuntime().availableProcessors());
			System.out.println(result);
			String out = options.get("out");
			if (out != null) {
				write(Path.of(out), result);
			}
		}
		finally {
			admin(base + "postgres", user, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
	}

	/** The arguments as the user gave them to run-backfill.sh (without the --out it adds). */
	private static String displayed(String[] args) {
		StringBuilder displayed = new StringBuilder();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--out") && i + 1 < args.length) {
				i++;
				continue;
			}
			displayed.append(' ').append(args[i]);
		}
		return displayed.toString();
	}

	private static void write(Path out, String result) throws IOException {
		Files.writeString(out, "# Backfill benchmark: 1,000,000 rows under a concurrent writer\n\n"
				+ "Measured by `dev.migrations.benchmarks.backfill.BackfillBenchmark` (see [README.md](README.md)).\n\n"
				+ result);
	}

	private static HikariDataSource pool(String url, String user, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(size);
		return new HikariDataSource(config);
	}

	private static void admin(String url, String user, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, user, null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long millis(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new java.util.HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return options;
	}

	/** The migration under test. */
	static final class BackfillStatus implements Migration {

		private final int batch;

		private final long pauseMs;

		BackfillStatus(int batch, long pauseMs) {
			this.batch = batch;
			this.pauseMs = pauseMs;
		}

		@Override
		public String id() {
			return "20260601000000_backfill_event_status";
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void up(QueryInterface q) {
			SafeOperations.on(q)
				.backfill("events")
				.set("status", "'processed'")
				.where("status IS NULL")
				.batchSize(this.batch)
				.pause(Duration.ofMillis(this.pauseMs))
				.run();
		}

	}

	/** Updates random rows and inserts new ones, one statement at a time, timing each. */
	static final class Writer implements Runnable {

		private final JdbcTemplate jdbc;

		private final AtomicLong nextId;

		private final int rows;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

		Writer(JdbcTemplate jdbc, int rows) {
			this.jdbc = jdbc;
			this.rows = rows;
			this.nextId = new AtomicLong(rows + 1L);
		}

		@Override
		public void run() {
			while (this.running.get()) {
				long start = System.nanoTime();
				if (ThreadLocalRandom.current().nextBoolean()) {
					this.jdbc.update("UPDATE events SET payload = md5(random()::text) WHERE id = ?",
							1 + ThreadLocalRandom.current().nextInt(this.rows));
				}
				else {
					this.jdbc.update("INSERT INTO events (id, payload) VALUES (?, 'new')", this.nextId.getAndIncrement());
				}
				this.latencies.add(System.nanoTime() - start);
			}
		}

		void stop() {
			this.running.set(false);
		}

		int count() {
			return this.latencies.size();
		}

		double percentile(double p) {
			List<Long> sorted = new ArrayList<>(this.latencies);
			Collections.sort(sorted);
			return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())))
					/ 1_000_000.0;
		}

		double worst() {
			return this.latencies.stream().mapToLong(Long::longValue).max().orElse(0) / 1_000_000.0;
		}

	}

}
