package dev.migrations.testing;

import java.util.Map;

import dev.migrations.test.TestPostgres;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code spring.datasource} of this module's test applications at the tests' PostgreSQL as
 * {@link TestPostgres} resolves it (the URL in MIGRATIONS_TEST_POSTGRES_URL, the local server, or the embedded one),
 * with the lowest precedence so that a test's own properties still win.
 */
class TestPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		TestPostgres postgres = TestPostgres.get();
		environment.getPropertySources()
			.addLast(new MapPropertySource("testPostgres", Map.of("spring.datasource.url", postgres.url(),
					"spring.datasource.username", postgres.user(), "spring.datasource.password", postgres.password())));
	}

}
