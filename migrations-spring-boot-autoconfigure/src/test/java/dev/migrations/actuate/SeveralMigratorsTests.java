package dev.migrations.actuate;

import java.util.List;
import java.util.Map;

import dev.migrations.actuate.MigrationsEndpoint.MigratorsDescriptor;
import dev.migrations.actuate.fixtures.ok.AddGadgetName;
import dev.migrations.actuate.fixtures.ok.CreateGadgets;
import dev.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.migrations.core.Migrator;
import dev.migrations.test.FreshDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@link Migrator} beans on two databases in one context: both migrate at startup, the endpoint lists each by bean
 * name, the write operation picks one by name, health has one indicator per migrator and the gauges a {@code migrator}
 * tag.
 */
class SeveralMigratorsTests {

	@RegisterExtension
	static final FreshDatabase orders = new FreshDatabase();

	@RegisterExtension
	static final FreshDatabase reports = new FreshDatabase();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class,
				EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, MigrationsEndpointAutoConfiguration.class,
				MigrationsHealthContributorAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				MigrationsMetricsAutoConfiguration.class))
		.withPropertyValues(orders.datasourceProperties())
		.withPropertyValues("management.endpoints.web.exposure.include=migrations",
				"migrations.endpoint.write-operations-enabled=true", "migrations.endpoint.allow-unsecured-writes=true",
				"migrations.scan-packages=dev.migrations.nothing")
		.withUserConfiguration(TwoMigrators.class);

	@Test
	void everyMigratorIsMigratedListedAndChecked() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(orders.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(2);
			assertThat(reports.jdbc().queryForObject("SELECT count(*) FROM report_migrations", Integer.class))
				.isEqualTo(1);

			MigratorsDescriptor descriptor = context.getBean(MigrationsEndpoint.class).migrations();
			assertThat(descriptor.contexts()).hasSize(1);
			Map<String, MigrationsEndpoint.MigrationsDescriptor> migrators = descriptor.contexts()
				.values()
				.iterator()
				.next()
				.migrators();
			assertThat(migrators).containsOnlyKeys("ordersMigrator", "reportsMigrator");
			assertThat(migrators.get("ordersMigrator").migrations()).hasSize(2);
			assertThat(migrators.get("reportsMigrator").table()).isEqualTo("report_migrations");
			assertThat(migrators.get("reportsMigrator").migrations()).hasSize(1);
			// The detail is the primary migrator's.
			assertThat(context.getBean(MigrationsEndpoint.class).migration("20260601100100_add_gadget_name")).isNotNull();

			// Write operations: the primary by default, another by name.
			MigrationsEndpointWebExtension web = context.getBean(MigrationsEndpointWebExtension.class);
			assertThat(web.run("undo", null, null, null, "reportsMigrator").getStatus()).isEqualTo(200);
			assertThat(reports.jdbc().queryForObject("SELECT count(*) FROM report_migrations", Integer.class)).isZero();
			assertThat(orders.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(2);
			assertThat(web.run("undo", null, null, null, null).getStatus()).isEqualTo(200);
			assertThat(orders.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(1);
			assertThat(web.run("undo", null, null, null, "nope").getBody().error())
				.isEqualTo("No migrator is named 'nope'; use one of ordersMigrator, reportsMigrator");

			HealthContributor health = context.getBean("migrationsHealthContributor", HealthContributor.class);
			assertThat(health).isInstanceOf(CompositeHealthContributor.class);
			CompositeHealthContributor composite = (CompositeHealthContributor) health;
			assertThat(composite.stream().map((entry) -> entry.name())).containsExactlyInAnyOrder("ordersMigrator",
					"reportsMigrator");
			assertThat(((HealthIndicator) composite.getContributor("reportsMigrator")).health().getStatus())
				.isEqualTo(Status.OUT_OF_SERVICE);

			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("migrations.applied").tag("migrator", "ordersMigrator").gauge().value())
				.isEqualTo(1.0);
			assertThat(registry.get("migrations.pending").tag("migrator", "reportsMigrator").gauge().value())
				.isEqualTo(1.0);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoMigrators {

		@Bean
		@Primary
		Migrator ordersMigrator() {
			return Migrator.builder(orders.dataSource()).migrations(List.of(new CreateGadgets(), new AddGadgetName())).build();
		}

		@Bean
		Migrator reportsMigrator() {
			return Migrator.builder(reports.dataSource())
				.table("report_migrations")
				.migrations(List.of(new CreateGadgets()))
				.build();
		}

	}

}
