package dev.migrations.autoconfigure.slice;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @JdbcTest} with a {@code @ServiceConnection} PostgreSQL container: the migrations run on the container's
 * database. Skipped when Docker is not available.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Testcontainers(disabledWithoutDocker = true)
class ServiceConnectionSliceTests {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine");

	@Autowired
	JdbcClient jdbc;

	@Test
	void migrationsRanOnTheContainer() {
		assertThat(this.jdbc.sql("SELECT id FROM schema_migrations").query(String.class).list())
			.containsExactly("20260701090000_create_notes");
		assertThat(this.jdbc.sql("INSERT INTO notes (body) VALUES ('hello')").update()).isEqualTo(1);
	}

}
