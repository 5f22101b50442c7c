package dev.migrations.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import dev.migrations.core.Migration;
import dev.migrations.core.Migrator;
import dev.migrations.core.StatusReport;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.FreshDatabase;
import dev.migrations.test.FreshMariaDb;
import dev.migrations.test.TestDatabase;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Six application contexts started at the same moment on one empty database, as replicas of a deployment are, on
 * PostgreSQL and on MariaDB (skipped, with a message, where no MariaDB answers).
 */
class ConcurrentStartupTests {

	@RegisterExtension
	static final FreshDatabase postgres = new FreshDatabase();

	@RegisterExtension
	static final FreshMariaDb mariadb = FreshMariaDb.optional();

	static Stream<Named<TestDatabase>> databases() {
		return TestDatabase.each(postgres, mariadb);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void sixContextsStartingTogetherApplyEachMigrationExactlyOnce(TestDatabase db) throws Exception {
		db.require();
		try (ReplicaStarts.Outcome outcome = ReplicaStarts.start(6,
				(replica) -> new SpringApplicationBuilder(Replica.class).web(WebApplicationType.NONE)
					.properties(db.datasourceProperties())
					.properties("spring.application.name=replica-" + replica, "spring.main.banner-mode=off"),
				0)) {
			assertThat(outcome.failures()).isEmpty();
			assertThat(db.jdbc().queryForList("SELECT migration FROM runs", String.class))
				.containsExactlyInAnyOrder("20260101000001_one", "20260101000002_two", "20260101000003_three");
			assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(4);
			assertThat(db.jdbc().queryForObject("SELECT count(DISTINCT application) FROM schema_migrations",
					Integer.class)).isEqualTo(1);
			List<StatusReport> reports = outcome.contexts()
				.stream()
				.map((c) -> c.getBean(Migrator.class).status())
				.toList();
			assertThat(reports).allSatisfy((report) -> {
				assertThat(report.isUpToDate()).isTrue();
				assertThat(report.migrations()).isEqualTo(reports.get(0).migrations());
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class })
	static class Replica {

		@Bean
		Migration createRuns() {
			return migration("20260101000000_create_runs", (q) -> q.createTable("runs", (t) -> t.text("migration")));
		}

		@Bean
		Migration one() {
			return recording("20260101000001_one");
		}

		@Bean
		Migration two() {
			return recording("20260101000002_two");
		}

		@Bean
		Migration three() {
			return recording("20260101000003_three");
		}

		private static Migration recording(String id) {
			return migration(id, (q) -> {
				q.sql("INSERT INTO runs (migration) VALUES (?)", id);
				// Widens the window in which another replica could run the same migration, on any database.
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}

		private static Migration migration(String id, java.util.function.Consumer<QueryInterface> up) {
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
