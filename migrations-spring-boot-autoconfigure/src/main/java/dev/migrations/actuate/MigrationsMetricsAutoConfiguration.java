package dev.migrations.actuate;

import dev.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.migrations.core.Fleet;
import dev.migrations.core.Migrator;
import dev.migrations.core.TenantOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link MigrationsMetrics migrations meters}, when Micrometer has a registry.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ Migrator.class, MeterRegistry.class })
public final class MigrationsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationsMetrics migrationsMetrics(ListableBeanFactory beanFactory) {
		return new MigrationsMetrics(() -> beanFactory.getBeansOfType(Migrator.class));
	}

	/**
	 * {@code migrations.tenants{state}}: how many tenants the last command that changed them in this process left in
	 * each state. Tagged by state only, never by tenant, so that the number of series stays fixed however many
	 * tenants there are.
	 */
	@Bean
	@ConditionalOnBean(Fleet.class)
	@ConditionalOnMissingBean(name = "migrationsTenantsMetrics")
	MeterBinder migrationsTenantsMetrics(Fleet fleet) {
		return (registry) -> {
			for (TenantOutcome.State state : TenantOutcome.State.values()) {
				Gauge.builder("migrations.tenants", fleet,
						(f) -> f.lastOutcomes().values().stream().filter((o) -> o.state() == state).count())
					.tag("state", state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
					.description("Tenants in each state after the last command that changed them")
					.register(registry);
			}
		};
	}

}
