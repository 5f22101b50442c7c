package dev.migrations.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.schema.Rows;
import dev.migrations.test.FreshDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures how fast large seeds go in: 100,000 rows through {@link Rows#insertIfAbsent} (multi-row statements in
 * JDBC batches), against plain single-row {@code JdbcTemplate.batchUpdate}, each with and without pgjdbc's
 * {@code reWriteBatchedInserts=true}, each into a fresh database. Not a test (surefire runs {@code *Tests} only);
 * run it by hand, see docs/seeders.md:
 * <pre>
 * ./mvnw -B -q -pl migrations-spring-boot-autoconfigure test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp migrations-spring-boot-autoconfigure/target/test-classes:migrations-spring-boot-autoconfigure/target/classes:$(cat migrations-spring-boot-autoconfigure/target/test-classpath.txt) \
 *     dev.migrations.bench.SeedThroughput [rows] [rounds]
 * </pre>
 * It finds PostgreSQL as the tests do ({@code MIGRATIONS_TEST_POSTGRES_URL}, else 127.0.0.1:5432).
 */
public final class SeedThroughput {

	private SeedThroughput() {
	}

	public static void main(String[] args) throws Exception {
		int rows = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		List<Object[]> data = new ArrayList<>(rows);
		for (int i = 0; i < rows; i++) {
			data.add(new Object[] { "sku-" + i, "item number " + i, i % 1000, java.time.LocalDate.of(2026, 5, 1).plusDays(i % 365) });
		}
		System.out.printf(Locale.ROOT, "%d rows, best of %d rounds%n", rows, rounds);
		System.out.printf(Locale.ROOT, "  %-64s %12s %14s%n", "method", "best ms", "rows/second");
		for (boolean rewrite : new boolean[] { false, true }) {
			report("Rows.insertIfAbsent" + (rewrite ? " + reWriteBatchedInserts" : ""), rows, rounds, rewrite,
					(jdbc) -> Rows.of(jdbc, null).insertIfAbsent("items", List.of("sku"),
							List.of("sku", "name", "quantity", "added"), data));
			report("Rows.insertIfAbsent, 128 rows/statement" + (rewrite ? " + reWriteBatchedInserts" : ""), rows, rounds,
					rewrite, (jdbc) -> Rows.of(jdbc, null).batchSize(128).insertIfAbsent("items", List.of("sku"),
							List.of("sku", "name", "quantity", "added"), data));
			report("JdbcTemplate.batchUpdate, one row each" + (rewrite ? " + reWriteBatchedInserts" : ""), rows, rounds,
					rewrite, (jdbc) -> {
						jdbc.batchUpdate("INSERT INTO items (sku, name, quantity, added) VALUES (?, ?, ?, ?) "
								+ "ON CONFLICT (sku) DO NOTHING", data);
						return rows;
					});
		}
	}

	private static void report(String name, int rows, int rounds, boolean rewrite, Load load) throws Exception {
		long best = Long.MAX_VALUE;
		for (int round = 0; round < rounds; round++) {
			FreshDatabase db = new FreshDatabase();
			db.create();
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(db.url());
			config.setUsername(db.user());
			config.setPassword(db.password());
			config.addDataSourceProperty("reWriteBatchedInserts", String.valueOf(rewrite));
			try (HikariDataSource dataSource = new HikariDataSource(config)) {
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				jdbc.execute("CREATE TABLE items (sku text PRIMARY KEY, name text NOT NULL, quantity integer, added date)");
				long start = System.nanoTime();
				load.run(jdbc);
				long elapsed = System.nanoTime() - start;
				Integer count = jdbc.queryForObject("SELECT count(*) FROM items", Integer.class);
				if (count == null || count != rows) {
					throw new IllegalStateException(name + " inserted " + count + " rows, not " + rows);
				}
				best = Math.min(best, elapsed);
			}
			finally {
				db.drop();
			}
		}
		System.out.printf(Locale.ROOT, "  %-64s %12d %,14d%n", name, best / 1_000_000, Math.round(rows / (best / 1e9)));
	}

	@FunctionalInterface
	private interface Load {

		long run(JdbcTemplate jdbc) throws Exception;

	}

}
