package dev.migrations.autoconfigure;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Fails startup when {@code migrations.command} is set but the migrations auto-configuration backed off because there
 * is no database to run it on (no DataSource bean and no {@code migrations.url}): without it the application would
 * start, run nothing and exit as if the command had succeeded.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnProperty("migrations.command")
@ConditionalOnMissingBean(MigrationsInitializer.class)
public final class MigrationsCommandWithoutDatabaseAutoConfiguration {

	@Bean
	InitializingBean migrationsCommandWithoutDatabase(Environment environment) {
		return () -> {
			throw new IllegalStateException("migrations.command=" + environment.getProperty("migrations.command")
					+ " needs a database to run on, but there is no DataSource and migrations.url is not set; set "
					+ "spring.datasource.url (or migrations.url) to the database to migrate");
		};
	}

}
