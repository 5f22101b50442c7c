package dev.migrations.testing.sample;

import java.util.Map;

import dev.migrations.test.TestPostgres;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code spring.datasource.*} of these tests' applications at the tests' PostgreSQL ({@link TestPostgres}:
 * {@code MIGRATIONS_TEST_POSTGRES_URL}, the local server, or the embedded one), with the lowest precedence, as a
 * user's {@code application.properties} would name their server.
 */
class TestPostgresDataSource implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		TestPostgres server = TestPostgres.get();
		environment.getPropertySources()
			.addLast(new MapPropertySource("testPostgres",
					Map.of("spring.datasource.url", server.urlOf("postgres"), "spring.datasource.username",
							server.user(), "spring.datasource.password", server.password())));
	}

}
