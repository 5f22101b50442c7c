package dev.migrations.testing.sample;

import dev.migrations.testing.MigratedDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A second class with the same configuration as {@link SpringBootTestCopyTests}: both commit the same row with a
 * unique email (neither test is transactional), so whichever runs second would fail on a shared database, or if
 * the first one's row had reached the template they share.
 */
@SpringBootTest
@MigratedDatabase
class AnotherSpringBootTestCopyTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void runsOnItsOwnCopyOfTheSameTemplate() {
		CopyAssertions.isOwnMigratedCopy(this.jdbc);
	}

}
