package dev.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.migrations.core.Migration;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.migrations.schema.IndexDefinition.index;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Six replicas starting on a fresh database whose migrations create a table and later index it, with the safety
 * checks in their default {@code fail} mode. The replicas arrive one after another while the first one is migrating,
 * so each sees the table already created by the first but the index still pending: a check that looked at the
 * schema before taking the lock would see an index on an existing table and refuse. Every replica must start.
 */
class ReplicasOnFreshDatabaseTests {

	private static final int REPLICAS = 6;

	private static final int ROUNDS = 3;

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@Test
	void replicasStartingWhileTheFirstMigratesAreNeverRefused() throws Exception {
		for (int round = 1; round <= ROUNDS; round++) {
			db.reset();
			startReplicasTogether(round);
			assertThat(db.jdbc().queryForList("SELECT id FROM schema_migrations ORDER BY id", String.class))
				.as("round %d", round)
				.containsExactly("20260101000000_create_items", "20260101000001_pause", "20260101000002_index_items");
			assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_indexes WHERE tablename = 'items'",
					Integer.class))
				.isEqualTo(1);
		}
	}

	private void startReplicasTogether(int round) throws Exception {
		CyclicBarrier barrier = new CyclicBarrier(REPLICAS);
		ReentrantLock startupLock = new ReentrantLock();
		ExecutorService executor = Executors.newFixedThreadPool(REPLICAS);
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
			for (int i = 0; i < REPLICAS; i++) {
				int replica = i;
				starts.add(executor.submit(() -> {
					// Spring Boot's logging initialization is not safe in parallel in one JVM (see
					// ConcurrentStartupTests); the replicas meet at the barrier, then arrive 150 ms apart.
					startupLock.lock();
					return new SpringApplicationBuilder(Replica.class).web(WebApplicationType.NONE)
						.properties(db.datasourceProperties())
						.properties("spring.application.name=replica-" + round + "-" + replica,
								"spring.main.banner-mode=off")
						.initializers((context) -> {
							startupLock.unlock();
							await(barrier);
							sleep(150L * replica);
						})
						.run();
				}));
			}
			List<Throwable> failures = new ArrayList<>();
			for (Future<ConfigurableApplicationContext> start : starts) {
				try {
					contexts.add(start.get(2, TimeUnit.MINUTES));
				}
				catch (java.util.concurrent.ExecutionException ex) {
					failures.add(ex.getCause());
				}
			}
			assertThat(failures).as("replicas refused in round %d", round).isEmpty();
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
			executor.shutdownNow();
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(1, TimeUnit.MINUTES);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class })
	static class Replica {

		@Bean
		Migration createItems() {
			return migration("20260101000000_create_items",
					(q) -> q.createTable("items", (t) -> t.text("name")));
		}

		@Bean
		Migration pause() {
			// Holds the first replica between creating the table and indexing it while the others arrive.
			return migration("20260101000001_pause", (q) -> q.sql("SELECT pg_sleep(1.2)"));
		}

		@Bean
		Migration indexItems() {
			return migration("20260101000002_index_items", (q) -> q.addIndex("items", index("name")));
		}

		private static Migration migration(String id, Consumer<QueryInterface> up) {
			return new Migration() {

				@Override
				public String id() {
					return id;
				}

				@Override
				public void up(QueryInterface q) {
					up.accept(q);
				}

			};
		}

	}

}
