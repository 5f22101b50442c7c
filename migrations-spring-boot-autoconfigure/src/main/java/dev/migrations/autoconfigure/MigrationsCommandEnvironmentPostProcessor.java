package dev.migrations.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * When {@code migrations.command} is set, the application is a migrate-and-exit job: no web server is created, so
 * the process never listens on a port while the command runs.
 */
class MigrationsCommandEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("migrations.command"))
				&& environment.getProperty("migrations.enabled", Boolean.class, true)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("migrationsCommand", Map.of("spring.main.web-application-type", "none")));
		}
	}

}
