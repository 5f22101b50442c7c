package dev.migrations.testing.sample;

import dev.migrations.testing.MigratedDatabase;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJpaTest} with {@code @MigratedDatabase}: JPA starts on the migrated copy.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@MigratedDatabase
class DataJpaTestCopyTests {

	@Autowired
	EntityManager entityManager;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void jpaRunsOnItsOwnMigratedCopy() {
		CopyAssertions.isOwnMigratedCopy(this.jdbc);
		this.entityManager.persist(new Account("jpa@example.com", "Jpa"));
		this.entityManager.flush();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM accounts", Long.class)).isEqualTo(2L);
	}

}
