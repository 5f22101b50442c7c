package dev.migrations.autoconfigure;

import java.util.Map;

import dev.migrations.core.Command;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * When {@code migrations.command} is set, the application is a migrate-and-exit job: no web server is created, so
 * the process never listens on a port while the command runs. The command is checked here, before anything starts:
 * an unknown one fails with the project's own message listing the commands (rather than the binder's list of enum
 * names), and a command with {@code migrations.enabled=false} fails rather than being ignored while the application
 * starts as usual.
 */
class MigrationsCommandEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String name = environment.getProperty("migrations.command");
		if (!StringUtils.hasText(name)) {
			return;
		}
		Command command = CommandRequest.command(name);
		if (!environment.getProperty("migrations.enabled", Boolean.class, true)) {
			throw new InvalidCommandException("migrations.command=" + command.cliName()
					+ " is set, but migrations.enabled=false switches migrations off, so nothing would run it and the "
					+ "application would start as usual; remove migrations.command or migrations.enabled=false");
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("migrationsCommand", Map.of("spring.main.web-application-type", "none")));
	}

}
