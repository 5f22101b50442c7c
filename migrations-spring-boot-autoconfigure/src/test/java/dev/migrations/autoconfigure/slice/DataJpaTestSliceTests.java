package dev.migrations.autoconfigure.slice;

import dev.migrations.test.FreshDatabase;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJpaTest} runs the migrations before JPA starts.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
class DataJpaTestSliceTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	@Autowired
	EntityManager entityManager;

	@Test
	void migrationsRanBeforeJpa() {
		this.entityManager.createNativeQuery("INSERT INTO notes (body) VALUES ('hello')").executeUpdate();
		assertThat(this.entityManager.createNativeQuery("SELECT count(*) FROM notes").getSingleResult())
			.isEqualTo(1L);
	}

}
