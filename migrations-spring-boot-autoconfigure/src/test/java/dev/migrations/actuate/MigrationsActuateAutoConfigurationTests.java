package dev.migrations.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.migrations.actuate.fixtures.failing.BackfillGadgets;
import dev.migrations.actuate.fixtures.ok.AddGadgetName;
import dev.migrations.actuate.fixtures.ok.CreateGadgets;
import dev.migrations.autoconfigure.MigrationFailedEvent;
import dev.migrations.autoconfigure.MigrationFinishedEvent;
import dev.migrations.autoconfigure.MigrationStartingEvent;
import dev.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.migrations.autoconfigure.MigrationsCommandFinishedEvent;
import dev.migrations.autoconfigure.MigrationsCommandStartingEvent;
import dev.migrations.autoconfigure.MigrationsEvent;
import dev.migrations.core.MigrationFailedException;
import dev.migrations.core.Migration;
import dev.migrations.core.Migrator;
import dev.migrations.core.StatusReport;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.FreshDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The actuator auto-configurations with {@link ApplicationContextRunner} on real databases: when each integration is
 * present, the health indicator's states, the buffered metrics, the observations and the application events.
 */
class MigrationsActuateAutoConfigurationTests {

	private static final String CREATE = "20260601100000_create_gadgets";

	private static final String NAME = "20260601100100_add_gadget_name";

	private static final String BACKFILL = "20260601100200_backfill_gadgets";

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		db.reset();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class,
					EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
					HealthContributorAutoConfiguration.class, MigrationsEndpointAutoConfiguration.class,
					MigrationsHealthContributorAutoConfiguration.class, MigrationsMetricsAutoConfiguration.class,
					MigrationsObservationAutoConfiguration.class))
			.withPropertyValues(db.datasourceProperties());
	}

	@Test
	void endpointShowsTheLockWaitsOfAMigrationAndWhoBlockedIt() throws Exception {
		db.jdbc().execute("CREATE TABLE gadgets (id bigint)");
		try (java.sql.Connection blocker = db.connect()) {
			blocker.setAutoCommit(false);
			try (java.sql.Statement statement = blocker.createStatement()) {
				statement.execute("SET application_name = 'nightly-report'");
				statement.execute("SELECT count(*) FROM gadgets");
			}
			// The report's open transaction holds ACCESS SHARE on gadgets: the ALTER of AddGadgetName waits, times
			// out on every attempt of a short budget, and gives up.
			this.runner.withUserConfiguration(Name.class)
				.withPropertyValues("management.endpoints.web.exposure.include=migrations",
						"migrations.safety.lock-retries.attempts=3", "migrations.safety.lock-retries.budget=2s",
						"migrations.safety.retry.initial-backoff=10ms", "migrations.safety.retry.max-backoff=20ms")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).hasStackTraceContaining("nightly-report");
				});
			this.runner.withUserConfiguration(Name.class)
				.withPropertyValues("management.endpoints.web.exposure.include=migrations", "migrations.on-startup=none",
						"migrations.safety.lock-retries.attempts=3", "migrations.safety.lock-retries.budget=2s",
						"migrations.safety.retry.initial-backoff=10ms", "migrations.safety.retry.max-backoff=20ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThatExceptionOfType(RuntimeException.class)
						.isThrownBy(() -> context.getBean(dev.migrations.core.Migrator.class).migrate());
					MigrationsEndpoint.MigrationDetailDescriptor detail = context.getBean(MigrationsEndpoint.class)
						.migration(NAME);
					assertThat(detail.lockWaits()).isNotNull();
					assertThat(detail.lockWaits().timedOutAttempts()).isGreaterThanOrEqualTo(1);
					assertThat(detail.lockWaits().gaveUp()).isTrue();
					assertThat(detail.lockWaits().blockers()).anySatisfy((line) -> assertThat(line).contains("nightly-report"));
				});
			blocker.rollback();
		}
	}

	@Test
	void endpointIsPresentOnlyWhenExposed() {
		this.runner.withUserConfiguration(Create.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsEndpoint.class));
		this.runner.withUserConfiguration(Create.class)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MigrationsEndpoint.class)
				.doesNotHaveBean(MigrationsEndpointWebExtension.class));
		this.runner.withUserConfiguration(Create.class)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"management.endpoint.migrations.access=NONE")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void writeOperationsArePresentOnlyWhenEnabled() {
		this.runner.withUserConfiguration(Create.class)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"migrations.endpoint.write-operations-enabled=true", "migrations.endpoint.allow-unsecured-writes=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MigrationsEndpoint.class)
				.hasSingleBean(MigrationsEndpointWebExtension.class));
	}

	@Test
	void writeOperationsWithoutSpringSecurityAreRefusedUnlessAllowed() {
		// No Spring Security on this module's test classpath: nothing would protect POST /actuator/migrations.
		this.runner.withUserConfiguration(Create.class)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"migrations.endpoint.write-operations-enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("migrations.endpoint.write-operations-enabled=true")
				.hasMessageContaining("migrations.endpoint.allow-unsecured-writes=true")
				.hasMessageContaining("no Spring Security"));
	}

	@Test
	void maxStepsBelowOneIsRefusedNamingTheProperty() {
		this.runner.withUserConfiguration(Create.class)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"migrations.endpoint.write-operations-enabled=true", "migrations.endpoint.allow-unsecured-writes=true",
					"migrations.endpoint.max-steps=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("migrations.endpoint.max-steps must be at least 1, was 0"));
	}

	@Test
	void backsOffWithoutAMigrator() {
		this.runner.withUserConfiguration(Create.class)
			.withPropertyValues("migrations.enabled=false", "management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationsEndpoint.class)
				.doesNotHaveBean(MigrationsHealthIndicator.class));
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.runner.withUserConfiguration(Create.class)
			.run((context) -> assertThat(context).hasSingleBean(MigrationsHealthIndicator.class));
		this.runner.withUserConfiguration(Create.class)
			.withPropertyValues("management.health.migrations.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsHealthIndicator.class));
	}

	@Test
	void healthGoesFromUpToOutOfServiceToDown() {
		// Release 1: everything applied at startup.
		this.runner.withUserConfiguration(Create.class).run((context) -> {
			Health health = health(context.getBean(MigrationsHealthIndicator.class));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("current", CREATE).containsEntry("counts", Map.of("APPLIED", 1));
			// Up to date, read from the history's one-row summary: the details a full read gives, no more.
			StatusReport status = context.getBean(Migrator.class).status();
			assertThat(health.getDetails()).containsOnlyKeys("table", "current", "counts")
				.containsEntry("table", status.schema() + "." + status.table());
		});
		// Release 2 deployed with on-startup=none: its migration is pending, the replica is not ready.
		this.runner.withUserConfiguration(Create.class, Name.class)
			.withPropertyValues("migrations.on-startup=none")
			.run((context) -> {
				Health health = health(context.getBean(MigrationsHealthIndicator.class));
				assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
				assertThat(health.getDetails()).containsEntry("pending", List.of(NAME));
			});
		// Release 3: a non-transactional migration fails midway.
		this.runner.withUserConfiguration(Create.class, Name.class, Backfill.class)
			.withPropertyValues("migrations.on-startup=none")
			.run((context) -> {
				assertThatExceptionOfType(MigrationFailedException.class)
					.isThrownBy(() -> context.getBean(Migrator.class).migrate());
				Health health = health(context.getBean(MigrationsHealthIndicator.class));
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsKey("failed");
				assertThat(health.getDetails().get("failed").toString()).contains(BACKFILL, "division by zero");
			});
	}

	@Test
	void healthIsDownWhenTheDatabaseCannotBeRead() {
		this.runner.withUserConfiguration(Create.class)
			.withPropertyValues("migrations.on-startup=none",
					"spring.datasource.url=" + db.url().replace(db.name(), db.name() + "_absent"),
					"spring.datasource.hikari.connection-timeout=500")
			.run((context) -> {
				Health health = health(context.getBean(MigrationsHealthIndicator.class));
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsKey("error");
			});
	}

	@Test
	void startupMigrationsArePublishedWhenTheRegistryBinds() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withUserConfiguration(Create.class, Name.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MigrationsMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Timer create = registry.get("migrations.execution")
					.tags("migration", CREATE, "direction", "up", "outcome", "success")
					.timer();
				assertThat(create.count()).isEqualTo(1);
				assertThat(registry.get("migrations.execution").timers()).hasSize(2);
				assertThat(registry.get("migrations.lock.wait").timer().count()).isEqualTo(1);
				assertThat(registry.get("migrations.applied").gauge().value()).isEqualTo(2.0);
				assertThat(registry.get("migrations.pending").gauge().value()).isEqualTo(0.0);
				context.getBean(Migrator.class).undo();
				assertThat(registry.get("migrations.execution").tags("direction", "down").timer().count()).isEqualTo(1);
				assertThat(registry.get("migrations.applied").gauge().value()).isEqualTo(1.0);
				assertThat(registry.get("migrations.pending").gauge().value()).isEqualTo(1.0);
			});
	}

	@Test
	void backfillProgressAndLockTimeoutRetriesAreMetered() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withUserConfiguration(Create.class, FillGadgets.class)
			.withPropertyValues("migrations.safety.lock-timeout=100ms", "migrations.safety.retry.initial-backoff=50ms",
					"migrations.safety.retry.max-attempts=50")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("migrations.backfill.rows").tag("table", "gadgets").gauge().value())
					.isEqualTo(300.0);
				assertThat(registry.get("migrations.backfill.running").tag("table", "gadgets").gauge().value())
					.isZero();
				// A session holds a lock on gadgets; the next migration times out, retries, and runs once it is gone.
				java.sql.Connection holder = db.connect();
				holder.setAutoCommit(false);
				holder.createStatement().execute("SELECT count(*) FROM gadgets");
				java.util.concurrent.CompletableFuture.runAsync(() -> {
					try {
						Thread.sleep(800);
						holder.close();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
				Migrator migrator = Migrator.builder(db.dataSource())
					.migrations(java.util.List.of(new AddGadgetColor()))
					.timeouts(new dev.migrations.safety.Timeouts(java.time.Duration.ofMillis(100),
							java.time.Duration.ofMinutes(1)))
					.retryPolicy(new dev.migrations.safety.RetryPolicy(50, java.time.Duration.ofMillis(50),
							java.time.Duration.ofMillis(100)))
					.listener(context.getBean(MigrationsMetrics.class))
					.build();
				migrator.migrate();
				assertThat(registry.get("migrations.lock.timeout.retries")
					.tags("migration", "20260601100300_add_gadget_color", "direction", "up")
					.counter()
					.count()).isPositive();
				assertThat(registry.get("migrations.lock.timeout.waits")
					.tags("migration", "20260601100300_add_gadget_color", "outcome", "retried")
					.timer()
					.count()).isPositive();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class FillGadgets {

		@Bean
		Migration fillGadgets() {
			return new Migration() {

				@Override
				public String id() {
					return "20260601100200_fill_gadgets";
				}

				@Override
				public boolean transactional() {
					return false;
				}

				@Override
				public void up(QueryInterface q) {
					q.sql("ALTER TABLE gadgets ADD COLUMN note text");
					q.sql("INSERT INTO gadgets (id) SELECT g FROM generate_series(1000, 1299) g");
					dev.migrations.safety.SafeOperations.on(q).backfill("gadgets").set("note", "'filled'").where("note IS NULL")
						.batchSize(100).pause(java.time.Duration.ZERO).run();
				}

			};
		}

	}

	static class AddGadgetColor implements Migration {

		@Override
		public String id() {
			return "20260601100300_add_gadget_color";
		}

		@Override
		public void up(QueryInterface q) {
			q.sql("ALTER TABLE gadgets ADD COLUMN color text");
		}

	}

	@Test
	void eachCommandAndMigrationIsObserved() {
		this.runner.withUserConfiguration(Create.class, Name.class, Observations.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(MigrationsObservations.class);
			List<String> observed = context.getBean(Observations.class).stopped;
			assertThat(observed).containsExactly("migration up " + CREATE + " [parent migrations migrate] success",
					"migration up " + NAME + " [parent migrations migrate] success", "migrations migrate [parent -] success");
		});
	}

	@Test
	void eventsArePublishedAroundCommandsAndMigrations() {
		this.runner.withUserConfiguration(Create.class, Name.class, Events.class).run((context) -> {
			assertThat(context).hasNotFailed();
			List<MigrationsEvent> events = context.getBean(Events.class).events;
			assertThat(events).extracting(MigrationsActuateAutoConfigurationTests::describe)
				.containsExactly("command starting migrate", "starting UP " + CREATE, "finished UP " + CREATE,
						"starting UP " + NAME, "finished UP " + NAME, "command finished migrate [" + CREATE + ", " + NAME + "] ok");
			events.clear();
			context.getBean(Migrator.class).undo();
			assertThat(events).extracting(MigrationsActuateAutoConfigurationTests::describe)
				.containsExactly("command starting undo", "starting DOWN " + NAME, "finished DOWN " + NAME,
						"command finished undo [" + NAME + "] ok");
		});
		this.runner.withUserConfiguration(Create.class, Backfill.class, Events.class)
			.withPropertyValues("migrations.on-startup=none")
			.run((context) -> {
				assertThatExceptionOfType(MigrationFailedException.class)
					.isThrownBy(() -> context.getBean(Migrator.class).migrate());
				// create_gadgets is still applied from the first run
				List<MigrationsEvent> events = context.getBean(Events.class).events;
				assertThat(events).extracting(MigrationsActuateAutoConfigurationTests::describe)
					.containsExactly("command starting migrate", "starting UP " + BACKFILL, "failed UP " + BACKFILL, "command finished migrate [] failed");
			});
	}

	private static String describe(MigrationsEvent event) {
		if (event instanceof MigrationsCommandStartingEvent starting) {
			return "command starting " + starting.getCommand().cliName();
		}
		if (event instanceof MigrationsCommandFinishedEvent finished) {
			return "command finished " + finished.getCommand().cliName() + " " + finished.getResult().migrations() + " "
					+ (finished.isSuccess() ? "ok" : "failed");
		}
		if (event instanceof MigrationStartingEvent starting) {
			return "starting " + starting.getDirection() + " " + starting.getId();
		}
		if (event instanceof MigrationFinishedEvent finished) {
			return "finished " + finished.getDirection() + " " + finished.getId();
		}
		if (event instanceof MigrationFailedEvent failed) {
			return "failed " + failed.getDirection() + " " + failed.getId();
		}
		return event.toString();
	}

	private static Health health(MigrationsHealthIndicator indicator) {
		Health health = indicator.health(true);
		assertThat(health).isNotNull();
		return health;
	}

	@Configuration(proxyBeanMethods = false)
	static class Create {

		@Bean
		CreateGadgets createGadgets() {
			return new CreateGadgets();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Name {

		@Bean
		AddGadgetName addGadgetName() {
			return new AddGadgetName();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Backfill {

		@Bean
		BackfillGadgets backfillGadgets() {
			return new BackfillGadgets();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Events implements ApplicationListener<MigrationsEvent> {

		final List<MigrationsEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MigrationsEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Observations {

		final List<String> stopped = new ArrayList<>();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					Observation.ContextView parent = context.getParentObservation() != null
							? context.getParentObservation().getContextView() : null;
					String outcome = context.getLowCardinalityKeyValue("outcome").getValue();
					Observations.this.stopped.add(context.getContextualName() + " [parent "
							+ ((parent != null) ? parent.getContextualName() : "-") + "] " + outcome);
				}

			});
			return registry;
		}

	}

}
