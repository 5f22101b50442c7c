package dev.migrations.actuate;

import dev.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link MigrationsEndpoint migrations endpoint}: present when the actuator is on the
 * classpath and the endpoint is available (exposed and not disabled), as Spring Boot's Flyway endpoint is. Its write
 * operations ({@link MigrationsEndpointWebExtension}) are added only with
 * {@code migrations.endpoint.write-operations-enabled=true} and web exposure.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(Migrator migrator, ObjectProvider<SeedRunner> seedRunner) {
		return new MigrationsEndpoint(migrator, seedRunner.getIfAvailable());
	}

	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("migrations.endpoint.write-operations-enabled")
	@ConditionalOnAvailableEndpoint(endpoint = MigrationsEndpoint.class, exposure = EndpointExposure.WEB)
	MigrationsEndpointWebExtension migrationsEndpointWebExtension(Migrator migrator,
			ObjectProvider<SeedRunner> seedRunner) {
		return new MigrationsEndpointWebExtension(migrator, seedRunner.getIfAvailable());
	}

}
