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
 * starts as usual. {@code --migrations.tenants=a,b} is taken as {@code migrations.tenants.select=a,b}.
 */
class MigrationsCommandEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String tenants = environment.getProperty("migrations.tenants");
		if (StringUtils.hasText(tenants) && !environment.containsProperty("migrations.tenants.select")) {
			// --migrations.tenants=a,b is the short form of migrations.tenants.select, which the binder then binds
			// next to the other migrations.tenants.* properties.
			environment.getPropertySources()
				.addFirst(new MapPropertySource("migrationsTenants", Map.of("migrations.tenants.select", tenants)));
		}
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
