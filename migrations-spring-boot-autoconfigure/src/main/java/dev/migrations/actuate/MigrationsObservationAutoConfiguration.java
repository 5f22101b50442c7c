package dev.migrations.actuate;

import dev.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.migrations.core.Migrator;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link MigrationsObservations migrations observations}, when the application has an
 * {@link ObservationRegistry}.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ Migrator.class, ObservationRegistry.class })
public final class MigrationsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationsObservations migrationsObservations(ObjectProvider<ObservationRegistry> registry) {
		return new MigrationsObservations(() -> registry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

}
