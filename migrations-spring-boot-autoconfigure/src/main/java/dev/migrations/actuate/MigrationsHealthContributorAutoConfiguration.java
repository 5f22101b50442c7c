package dev.migrations.actuate;

import dev.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.migrations.core.Fleet;
import dev.migrations.core.Migrator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link MigrationsHealthIndicator migrations health indicator}: one for the migrator, or,
 * with several {@link Migrator} beans, a composite {@code migrations} contributor with one indicator per bean name (as
 * Spring Boot does for several DataSources). Switch it off with {@code management.health.migrations.enabled=false}.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Migrator.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class MigrationsHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<MigrationsHealthIndicator, Migrator> {

	MigrationsHealthContributorAutoConfiguration() {
		super(MigrationsHealthIndicator::new);
	}

	@Bean
	@ConditionalOnMissingBean(name = { "migrationsHealthIndicator", "migrationsHealthContributor" })
	HealthContributor migrationsHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, Migrator.class);
	}

	@Bean
	@ConditionalOnBean(Fleet.class)
	@ConditionalOnMissingBean(name = "migrationsTenantsHealthIndicator")
	MigrationsTenantsHealthIndicator migrationsTenantsHealthIndicator(Fleet fleet) {
		return new MigrationsTenantsHealthIndicator(fleet);
	}

}
