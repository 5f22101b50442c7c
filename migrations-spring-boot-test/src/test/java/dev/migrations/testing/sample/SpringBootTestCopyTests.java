package dev.migrations.testing.sample;

import dev.migrations.testing.MigratedDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code @SpringBootTest} with {@code @MigratedDatabase}: the whole application on its own migrated copy.
 */
@SpringBootTest
@MigratedDatabase
class SpringBootTestCopyTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void runsOnItsOwnMigratedCopy() {
		CopyAssertions.isOwnMigratedCopy(this.jdbc);
	}

}
