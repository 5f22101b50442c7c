package dev.migrations.autoconfigure;

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
		// The replicas arrive 150 ms apart, while the first one migrates.
		try (ReplicaStarts.Outcome outcome = ReplicaStarts.start(REPLICAS,
				(replica) -> new SpringApplicationBuilder(Replica.class).web(WebApplicationType.NONE)
					.properties(db.datasourceProperties())
					.properties("spring.application.name=replica-" + round + "-" + replica,
							"spring.main.banner-mode=off"),
				150)) {
			assertThat(outcome.failures()).as("replicas refused in round %d", round).isEmpty();
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
