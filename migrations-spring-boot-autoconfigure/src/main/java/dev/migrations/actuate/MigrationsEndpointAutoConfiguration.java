package dev.migrations.actuate;

import java.util.Map;

import dev.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.migrations.autoconfigure.MigrationsProperties;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for the {@link MigrationsEndpoint migrations endpoint}: present when the actuator is on the
 * classpath and the endpoint is available (exposed and not disabled), as Spring Boot's Flyway endpoint is. Its write
 * operations ({@link MigrationsEndpointWebExtension}) are added only with
 * {@code migrations.endpoint.write-operations-enabled=true} and web exposure, and only in an application secured by
 * Spring Security unless {@code migrations.endpoint.allow-unsecured-writes=true}.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
@EnableConfigurationProperties(MigrationsProperties.class)
public final class MigrationsEndpointAutoConfiguration {

	/** The filter chains that secure a Spring Security application, servlet and reactive. */
	private static final String[] SECURITY_FILTER_CHAINS = { "org.springframework.security.web.SecurityFilterChain",
			"org.springframework.security.web.server.SecurityWebFilterChain" };

	private static final Log logger = LogFactory.getLog(MigrationsEndpointAutoConfiguration.class);

	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(ApplicationContext context) {
		return new MigrationsEndpoint(context);
	}

	/** Hears the lock-wait timeouts of the migrations, for {@code GET /actuator/migrations/{id}}. */
	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationsLockWaits migrationsLockWaits() {
		return new MigrationsLockWaits();
	}

	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("migrations.endpoint.write-operations-enabled")
	@ConditionalOnAvailableEndpoint(endpoint = MigrationsEndpoint.class, exposure = EndpointExposure.WEB)
	MigrationsEndpointWebExtension migrationsEndpointWebExtension(ListableBeanFactory beanFactory,
			ObjectProvider<Migrator> migrator, ObjectProvider<SeedRunner> seedRunner, MigrationsProperties properties) {
		MigrationsProperties.Endpoint endpoint = properties.getEndpoint();
		if (endpoint.getMaxSteps() < 1) {
			throw new IllegalStateException(
					"migrations.endpoint.max-steps must be at least 1, was " + endpoint.getMaxSteps());
		}
		requireSecured(beanFactory, endpoint.isAllowUnsecuredWrites());
		Map<String, Migrator> migrators = beanFactory.getBeansOfType(Migrator.class);
		return new MigrationsEndpointWebExtension(migrators, primary(migrators, migrator.getIfUnique()),
				seedRunner.getIfAvailable(), endpoint.getMaxSteps(), endpoint.isDiffEnabled());
	}

	/**
	 * Refuses write operations that nothing secures: without Spring Security anyone who reaches the management port
	 * could undo the schema.
	 */
	static void requireSecured(ListableBeanFactory beanFactory, boolean allowUnsecured) {
		ClassLoader classLoader = MigrationsEndpointAutoConfiguration.class.getClassLoader();
		for (String type : SECURITY_FILTER_CHAINS) {
			if (ClassUtils.isPresent(type, classLoader) && beanFactory
				.getBeanNamesForType(ClassUtils.resolveClassName(type, classLoader), true, false).length > 0) {
				return;
			}
		}
		String what = "migrations.endpoint.write-operations-enabled=true offers POST /actuator/migrations (migrate, "
				+ "undo, mark-applied, ...), but the application has no Spring Security (no SecurityFilterChain bean), "
				+ "so anyone who reaches the port can change the schema";
		if (allowUnsecured) {
			logger.warn(what + "; allowed by migrations.endpoint.allow-unsecured-writes=true");
			return;
		}
		throw new IllegalStateException(what + ". Secure the endpoint with Spring Security, or set "
				+ "migrations.endpoint.allow-unsecured-writes=true if something else protects it");
	}

	private static @Nullable String primary(Map<String, Migrator> migrators, @Nullable Migrator primary) {
		for (Map.Entry<String, Migrator> entry : migrators.entrySet()) {
			if (entry.getValue() == primary) {
				return entry.getKey();
			}
		}
		return null;
	}

}
