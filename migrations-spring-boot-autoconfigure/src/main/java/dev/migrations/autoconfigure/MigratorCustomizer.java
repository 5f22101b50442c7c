package dev.migrations.autoconfigure;

import dev.migrations.core.Migrator;

/**
 * Customizes the {@link Migrator.Builder} that the auto-configuration makes, after it has added the migrations it
 * found, the {@code migrations.*} settings and the listeners, and before it builds the {@link Migrator}: a
 * customizer adds to what the properties give (a listener, a migration from elsewhere, a setting the properties do
 * not offer) and loses nothing. Every bean of this type is applied, in {@link org.springframework.core.annotation.Order
 * order}, the role Spring Boot's {@code FlywayConfigurationCustomizer} plays for Flyway.
 */
@FunctionalInterface
public interface MigratorCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder of the auto-configured migrator
	 */
	void customize(Migrator.Builder builder);

}
