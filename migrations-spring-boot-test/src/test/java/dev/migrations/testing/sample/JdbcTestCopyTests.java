package dev.migrations.testing.sample;

import dev.migrations.testing.MigratedDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code @JdbcTest} with {@code @MigratedDatabase} and no {@code @AutoConfigureTestDatabase}: the slice keeps the
 * copy instead of replacing the DataSource with an embedded one.
 */
@JdbcTest
@MigratedDatabase
class JdbcTestCopyTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void runsOnItsOwnMigratedCopy() {
		CopyAssertions.isOwnMigratedCopy(this.jdbc);
	}

}
