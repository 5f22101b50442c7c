package dev.migrations.sample;

import java.sql.DriverManager;
import java.sql.SQLException;

import dev.migrations.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample as the README runs it: no {@code spring.datasource.url}, so its default build's embedded PostgreSQL is
 * its database; migrated and seeded at startup, gone when it stops.
 */
class EmbeddedPostgresTests {

	@Test
	void withoutADataSourceUrlTheSampleRunsOnItsOwnEmbeddedPostgres() {
		int port;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0")) {
			port = context.getBean(EmbeddedPostgresServer.class).port();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM schema_migrations WHERE state = 'applied'",
					Integer.class))
				.isEqualTo(4);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM roles", Integer.class)).isPositive();
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(
				() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", ""));
	}

}
