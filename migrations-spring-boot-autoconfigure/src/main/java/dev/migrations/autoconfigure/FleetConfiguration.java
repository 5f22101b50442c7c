package dev.migrations.autoconfigure;

import javax.sql.DataSource;

import dev.migrations.core.Fleet;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import dev.migrations.core.TenantSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The fleet of tenants, imported by {@link MigrationsAutoConfiguration}: a {@link Fleet} over the {@link TenantSource}
 * bean, or over the tenants that {@code migrations.tenants.*} names. Each tenant runs the application's migrator (and
 * seed runner) on its schema or database.
 */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional(TenantsCondition.class)
	Fleet migrationsFleet(Migrator migrator, ObjectProvider<SeedRunner> seedRunner,
			ObjectProvider<TenantSource> tenantSource, MigrationsProperties properties,
			ObjectProvider<DataSource> dataSource, @MigrationsDataSource ObjectProvider<DataSource> migrationsDataSource,
			ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		TenantsProperties tenants = properties.getTenants();
		DataSource target = MigrationsAutoConfiguration.migrationDataSource(properties,
				migrationsDataSource.getIfAvailable(), dataSource.getIfUnique(), connectionDetails.getIfAvailable());
		TenantSource source = tenantSource.getIfAvailable(
				() -> new PropertiesTenantSource(tenants, target, properties.getUser(), properties.getPassword()));
		return Fleet.builder(migrator)
			.tenants(source)
			.seedRunner(seedRunner.getIfUnique())
			.parallelism((tenants.getParallelism() != null) ? tenants.getParallelism()
					: PropertiesTenantSource.defaultParallelism(target))
			.tenantTimeout(tenants.getTimeout())
			.build();
	}

	/** A {@link TenantSource} bean, or tenants named by {@code migrations.tenants.schemas}, {@code .query} or {@code .urls}. */
	static final class TenantsCondition extends SpringBootCondition {

		private static final ConfigurationPropertyName TENANTS = ConfigurationPropertyName.of("migrations.tenants");

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (context.getBeanFactory() != null
					&& context.getBeanFactory().getBeanNamesForType(TenantSource.class, true, false).length > 0) {
				return ConditionOutcome.match("found a TenantSource bean");
			}
			if (!hasTenantsProperties(context.getEnvironment())) {
				return ConditionOutcome.noMatch("no TenantSource bean and no migrations.tenants properties");
			}
			boolean configured = Binder.get(context.getEnvironment())
				.bind("migrations.tenants", TenantsProperties.class)
				.map(TenantsProperties::isConfigured)
				.orElse(false);
			return configured ? ConditionOutcome.match("migrations.tenants names tenants")
					: ConditionOutcome.noMatch("no TenantSource bean and no migrations.tenants.schemas, query or urls");
		}

		/**
		 * Whether any property under {@code migrations.tenants} may be set: a look at the property names, which spares
		 * the binding (a noticeable part of a cold start) in the common case of an application without tenants.
		 */
		private static boolean hasTenantsProperties(Environment environment) {
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
				if (source.containsDescendantOf(TENANTS) != ConfigurationPropertyState.ABSENT) {
					return true;
				}
			}
			return false;
		}

	}

}
