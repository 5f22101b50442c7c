package dev.migrations.autoconfigure.slice;

import javax.sql.DataSource;

import dev.migrations.core.Migrator;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJdbcTest} runs the migrations on a plain DataSource bean the test declares.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import(DataJdbcTestSliceTests.PlainDataSource.class)
class DataJdbcTestSliceTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Migrator migrator;

	@Test
	void migrationsRanOnThePlainDataSource() {
		assertThat(this.migrator.migrationIds()).containsExactly("20260701090000_create_notes");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(1);
		assertThat(this.jdbc.update("INSERT INTO notes (body) VALUES ('hello')")).isEqualTo(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class PlainDataSource {

		@Bean
		DataSource dataSource() {
			return db.dataSource();
		}

	}

}
