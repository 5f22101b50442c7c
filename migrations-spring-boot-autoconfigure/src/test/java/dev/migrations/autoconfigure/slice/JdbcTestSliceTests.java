package dev.migrations.autoconfigure.slice;

import dev.migrations.core.Migrator;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @JdbcTest} runs the migrations before the test, on the DataSource from {@code spring.datasource.*}.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
class JdbcTestSliceTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Migrator migrator;

	@Test
	void migrationsRanBeforeTheTest() {
		assertThat(this.migrator.status().isUpToDate()).isTrue();
		this.jdbc.sql("INSERT INTO notes (body) VALUES ('hello')").update();
		assertThat(this.jdbc.sql("SELECT body FROM notes").query(String.class).single()).isEqualTo("hello");
	}

}
