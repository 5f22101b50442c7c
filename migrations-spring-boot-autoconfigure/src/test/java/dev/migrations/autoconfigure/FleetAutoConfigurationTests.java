package dev.migrations.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.migrations.core.Fleet;
import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.core.Migrator;
import dev.migrations.core.Tenant;
import dev.migrations.core.TenantOutcome;
import dev.migrations.core.TenantSource;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet of {@link MigrationsAutoConfiguration}: tenants from properties or a {@link TenantSource} bean, migrated
 * at startup or left to a command, on a real database.
 */
class FleetAutoConfigurationTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@RegisterExtension
	static final FreshDatabase tenantDatabase = new FreshDatabase();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		db.reset();
		tenantDatabase.reset();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
			.withUserConfiguration(AccountsMigration.class)
			.withPropertyValues(db.datasourceProperties());
	}

	private static boolean migrated(String schema) {
		return db.jdbc()
			.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
					+ "AND table_name = 'accounts'", Integer.class, schema) == 1;
	}

	@Test
	void noFleetWithoutTenants() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Fleet.class));
	}

	@Test
	void startupMigratesTheDefaultSchemaAndEveryTenantOfTheProperties() {
		this.runner
			.withPropertyValues("migrations.tenants.schemas=acme,globex", "migrations.tenants.urls.initech="
					+ tenantDatabase.url(), "migrations.tenants.user=" + tenantDatabase.user(),
					"migrations.tenants.password=" + tenantDatabase.password())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Fleet.class);
				// Hikari's default pool of 10: half of it.
				assertThat(context.getBean(Fleet.class).parallelism()).isEqualTo(5);
				assertThat(migrated("public")).isTrue();
				assertThat(migrated("acme")).isTrue();
				assertThat(migrated("globex")).isTrue();
				assertThat(new JdbcTemplate(tenantDatabase.dataSource()).queryForObject(
						"SELECT count(*) FROM public.schema_migrations", Integer.class)).isEqualTo(1);
				assertThat(context.getBean(Fleet.class).lastOutcomes()).hasSize(3)
					.allSatisfy((name, outcome) -> assertThat(outcome.state()).isEqualTo(TenantOutcome.State.CHANGED));
			});
	}

	@Test
	void onStartupDefaultLeavesTheTenantsToACommandThatCanSelectThem() {
		this.runner.withUserConfiguration(TenantSourceConfiguration.class)
			.withPropertyValues("migrations.tenants.on-startup=default", "migrations.tenants.parallelism=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(migrated("public")).isTrue();
				assertThat(migrated("t1")).isFalse();
				Fleet fleet = context.getBean(Fleet.class);
				assertThat(fleet.parallelism()).isEqualTo(2);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				ByteArrayOutputStream err = new ByteArrayOutputStream();
				MigrationsCommandRunner commands = new MigrationsCommandRunner(context.getBean(Migrator.class),
						new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
				commands.fleet(fleet, List.of("t2", "t3*"));
				assertThat(commands.run(new CommandRequest(dev.migrations.core.Command.MIGRATE, null, null, null)))
					.isEqualTo(MigrationsCommandRunner.OK);
				assertThat(out.toString(StandardCharsets.UTF_8)).contains("tenant t2: migrate 1 migration(s)")
					.contains("tenant t3: migrate 1 migration(s)")
					.doesNotContain("tenant t1");
				assertThat(migrated("t1")).isFalse();
				assertThat(migrated("t2")).isTrue();
				commands.fleet(fleet, List.of());
				assertThat(commands.run(new CommandRequest(dev.migrations.core.Command.STATUS, null, null, null)))
					.isEqualTo(MigrationsCommandRunner.NOT_UP_TO_DATE);
				// A tenant in the way of its migration: the run exits 1 naming it, the others are migrated.
				db.jdbc().execute("CREATE SCHEMA t1");
				db.jdbc().execute("CREATE TABLE t1.accounts (other text)");
				assertThat(commands.run(new CommandRequest(dev.migrations.core.Command.MIGRATE, null, null, null)))
					.isEqualTo(MigrationsCommandRunner.FAILED);
				assertThat(err.toString(StandardCharsets.UTF_8)).contains("failed on 1 tenant(s): t1");
				assertThat(out.toString(StandardCharsets.UTF_8)).contains("tenant t1: FAILED: ")
					.contains("tenant t4: migrate 1 migration(s)");
			});
	}

	@Test
	void theShortSelectionPropertyBindsNextToTheOtherTenantProperties() {
		// What MigrationsCommandEnvironmentPostProcessor makes of --migrations.tenants=t1,t2.
		this.runner.withUserConfiguration(TenantSourceConfiguration.class)
			.withPropertyValues("migrations.tenants=t1,t2", "migrations.tenants.select=t1,t2",
					"migrations.tenants.parallelism=3", "migrations.tenants.on-startup=default")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TenantsProperties tenants = context.getBean(MigrationsProperties.class).getTenants();
				assertThat(tenants.getSelect()).containsExactly("t1", "t2");
				assertThat(tenants.getParallelism()).isEqualTo(3);
			});
	}

	@Test
	void aTenantThatFailsAtStartupFailsStartupNamingItAfterTheOthersRan() {
		db.jdbc().execute("CREATE SCHEMA t3");
		db.jdbc().execute("CREATE TABLE t3.accounts (other text)");
		this.runner.withUserConfiguration(TenantSourceConfiguration.class).run((context) -> {
			assertThat(context).hasFailed().getFailure().hasStackTraceContaining("1 tenant(s) of 4")
				.hasStackTraceContaining("FAILED t3: ");
			assertThat(migrated("t1")).isTrue();
			assertThat(migrated("t4")).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class AccountsMigration {

		@Bean
		Migration createAccounts() {
			return new CreateAccounts();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TenantSourceConfiguration {

		static final AtomicInteger calls = new AtomicInteger();

		@Bean
		TenantSource tenantSource() {
			return () -> {
				calls.incrementAndGet();
				return List.of(Tenant.schema("t1"), Tenant.schema("t2"), Tenant.schema("t3"), Tenant.schema("t4"));
			};
		}

	}

	@MigrationId("20260601120000_create_accounts")
	static class CreateAccounts implements Migration {

		@Override
		public void up(QueryInterface q) {
			q.createTable("accounts", (t) -> t.bigIdentity("id").primaryKey());
		}

		@Override
		public void down(QueryInterface q) {
			q.dropTable("accounts");
		}

	}

}
