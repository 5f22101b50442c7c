package dev.migrations.autoconfigure;

import javax.sql.DataSource;

import dev.migrations.autoconfigure.fixtures.scanned.CreateWidgets;
import dev.migrations.core.InvalidMigrationException;
import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.core.MigrationValidationException;
import dev.migrations.core.Migrator;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MigrationsAutoConfiguration} with {@link ApplicationContextRunner} on real databases.
 */
class MigrationsAutoConfigurationTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@RegisterExtension
	static final FreshDatabase other = new FreshDatabase();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		db.reset();
		other.reset();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
			.withPropertyValues(db.datasourceProperties());
	}

	private static boolean hasTable(FreshDatabase database, String table) {
		return CatalogSnapshot.of(database.dataSource()).hasRelation(table);
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Migrator.class));
	}

	@Test
	void commandWithoutADatabaseFailsStartupInsteadOfRunningNothing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class,
					MigrationsCommandWithoutDatabaseAutoConfiguration.class))
			.withPropertyValues("migrations.command=migrate")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("migrations.command=migrate needs a database")
				.hasStackTraceContaining("spring.datasource.url (or migrations.url)"));
		this.runner.withUserConfiguration(UsersMigration.class)
			.withConfiguration(AutoConfigurations.of(MigrationsCommandWithoutDatabaseAutoConfiguration.class))
			.withBean(MigrationsCommandExit.class, () -> (code) -> {
			})
			.withPropertyValues("migrations.command=status")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsInitializer.class)
				.doesNotHaveBean("migrationsCommandWithoutDatabase"));
	}

	@Test
	void groupAppliesThePendingMigrationsInOneTransactionAndRefusesANonTransactionalOne() {
		this.runner.withUserConfiguration(UsersMigration.class, NonTransactionalMigration.class)
			.withPropertyValues("migrations.group=true")
			.run((context) -> {
				assertThat(context).hasFailed()
					.getFailure()
					.hasStackTraceContaining("migrations.group=true")
					.hasStackTraceContaining("20260501130000_index_users_concurrently");
				assertThat(hasTable(db, "users")).isFalse();
			});
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.group=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(hasTable(db, "users")).isTrue();
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(Migrator.class).doesNotHaveBean(MigrationsInitializer.class);
				assertThat(hasTable(db, "users")).isFalse();
			});
	}

	@Test
	void appliesMigrationBeansAtStartup() {
		this.runner.withUserConfiguration(UsersMigration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(MigrationsInitializer.class);
			assertThat(hasTable(db, "users")).isTrue();
			assertThat(context.getBean(Migrator.class).status().isUpToDate()).isTrue();
		});
	}

	@Test
	void historyTableNameAndSchemaComeFromProperties() {
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.table=app_history", "migrations.schema=ops", "spring.application.name=shop")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.jdbc().queryForObject("SELECT application FROM ops.app_history", String.class))
					.isEqualTo("shop");
				assertThat(hasTable(db, "schema_migrations")).isFalse();
			});
	}

	@Test
	void onStartupNoneAppliesNothing() {
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.on-startup=none")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Migrator.class);
				assertThat(hasTable(db, "users")).isFalse();
			});
	}

	@Test
	void onStartupValidateFailsWhilePendingAndPassesOnceApplied() {
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.on-startup=validate")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MigrationValidationException.class)
					.hasMessageContaining("20260501120000_create_users (pending)");
				assertThat(hasTable(db, "users")).isFalse();
			});
		this.runner.withUserConfiguration(UsersMigration.class).run((context) -> assertThat(context).hasNotFailed());
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.on-startup=validate")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failingMigrationFailsStartupNamingIt() {
		this.runner.withUserConfiguration(BrokenMigration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("relation \"nowhere\" does not exist");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("20260501130000_broken");
		});
	}

	@Test
	void jdbcTemplateJdbcClientAndJpaWaitForTheMigrations() {
		this.runner
			.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withUserConfiguration(UsersMigration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				for (String bean : new String[] { "jdbcTemplate", "namedParameterJdbcTemplate", "jdbcClient",
						"entityManagerFactory" }) {
					assertThat(context.getBeanFactory().getBeanDefinition(bean).getDependsOn()).as(bean)
						.contains("migrationsInitializer");
				}
			});
	}

	@Test
	void scanningRegistersMigrationClassesOnceWithDependencyInjection() {
		this.runner.withUserConfiguration(ScanComponents.class)
			.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.scanned",
					"widgets.table=widgets")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Migrator.class).migrationIds())
					.containsExactly("20260601000000_create_widgets", "20260601000100_add_widget_name");
				// The @Component is a bean; the scanned class is created (with injection) only to run.
				assertThat(context.getBeansOfType(Migration.class)).containsOnlyKeys("addWidgetName");
				assertThat(CatalogSnapshot.of(db.dataSource()).lines()).anyMatch((line) -> line.startsWith("column public.widgets.name"));
			});
	}

	@Test
	void scannedMigrationThatIsAppliedIsNotCreatedAtStartup() {
		this.runner.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.scanned")
			.run((context) -> assertThat(context).hasNotFailed());
		int created = CreateWidgets.created.get();
		this.runner.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.scanned")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(CreateWidgets.created.get()).as("instances created by a restart").isEqualTo(created);
				assertThat(context.getBean(Migrator.class).status().isUpToDate()).isTrue();
				assertThat(CreateWidgets.created.get()).as("status reads the class, not an instance").isEqualTo(created);
			});
	}

	@Test
	void applicationPackagesAreScannedByDefault() {
		this.runner
			.withInitializer((context) -> AutoConfigurationPackages.register(
					(BeanDefinitionRegistry) context.getBeanFactory(), "dev.migrations.autoconfigure.fixtures.scanned"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Migrator.class).migrationIds()).hasSize(2);
			});
	}

	@Test
	void beanMethodAndScanOfTheSameClassCountOnce() {
		this.runner.withUserConfiguration(WidgetsBean.class)
			.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.scanned")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Migrator.class).migrationIds()).hasSize(2);
				assertThat(context.getBeanNamesForType(CreateWidgets.class)).containsExactly("createWidgetsByHand");
			});
	}

	@Test
	void duplicateIdsFailStartupNamingBothBeans() {
		this.runner.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.duplicates")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidMigrationException.class)
					.hasMessageContaining("firstClash")
					.hasMessageContaining("secondClash")
					.hasMessageContaining("20260701000000_clash");
			});
	}

	@Test
	void migrationsUrlMigratesAnotherDatabase() {
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.url=" + other.url(), "migrations.user=" + other.user(),
					"migrations.password=" + other.password())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(hasTable(other, "users")).isTrue();
				assertThat(hasTable(db, "users")).isFalse();
			});
	}

	@Test
	void migrationsDataSourceBeanIsPreferred() {
		this.runner.withUserConfiguration(UsersMigration.class, MigrationsDataSourceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(hasTable(other, "users")).isTrue();
				assertThat(hasTable(db, "users")).isFalse();
			});
	}

	@Test
	void invalidCommandNameIsABindingErrorThatNamesTheProperty() {
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.command=migrate-everything")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("migrations.command");
			});
	}

	@Test
	void safetyTimeoutsComeFromProperties() {
		this.runner.withUserConfiguration(TimeoutProbe.class)
			.withPropertyValues("migrations.safety.lock-timeout=750ms", "migrations.safety.statement-timeout=2m")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.jdbc().queryForObject("SELECT seen FROM probe", String.class)).isEqualTo("750ms/2min");
			});
	}

	@Test
	void lockRetriesComeFromPropertiesUnlessALockTimeoutIsFixed() {
		this.runner.withUserConfiguration(TimeoutProbe.class)
			.withPropertyValues("migrations.safety.lock-retries.first-timeout=150ms",
					"migrations.safety.lock-retries.last-timeout=1s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.jdbc().queryForObject("SELECT seen FROM probe", String.class)).isEqualTo("150ms/1h");
			});
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.safety.lock-retries.first-timeout=2s",
					"migrations.safety.lock-retries.last-timeout=1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("migrations.safety.lock-retries")
				.hasMessageContaining("must not be shorter than the first"));
	}

	@Test
	void invalidSafetySettingsNameTheProperty() {
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.safety.retry.max-attempts=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("migrations.safety.retry")
				.hasMessageContaining("at least 1"));
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.safety.lock-timeout=-1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("lock timeout"));
		this.runner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("migrations.table= ")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("migrations.table"));
	}

	@Test
	void safetyModeComesFromProperties() {
		db.jdbc().execute("CREATE TABLE busy (id bigint)");
		this.runner.withUserConfiguration(IndexBusyTable.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("[add-index-non-concurrently]");
		});
		this.runner.withUserConfiguration(IndexBusyTable.class)
			.withPropertyValues("migrations.safety.mode=warn")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	static class IndexBusyTable {

		@Bean
		Migration indexBusy() {
			return new Migration() {

				@Override
				public String id() {
					return "20260501150000_index_busy";
				}

				@Override
				public void up(QueryInterface q) {
					q.addIndex("busy", dev.migrations.schema.IndexDefinition.index("id"));
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TimeoutProbe {

		@Bean
		Migration probe() {
			return new Migration() {

				@Override
				public String id() {
					return "20260501140000_probe";
				}

				@Override
				public void up(QueryInterface q) {
					q.sql("CREATE TABLE probe AS SELECT current_setting('lock_timeout') || '/' "
							+ "|| current_setting('statement_timeout') AS seen");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsersMigration {

		@Bean
		Migration createUsers() {
			return new CreateUsers();
		}

	}

	@MigrationId("20260501120000_create_users")
	static class CreateUsers implements Migration {

		@Override
		public void up(QueryInterface q) {
			q.createTable("users", (t) -> t.bigIdentity("id").primaryKey());
		}

		@Override
		public void down(QueryInterface q) {
			q.dropTable("users");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NonTransactionalMigration {

		@Bean
		Migration indexUsersConcurrently() {
			return new Migration() {

				@Override
				public String id() {
					return "20260501130000_index_users_concurrently";
				}

				@Override
				public boolean transactional() {
					return false;
				}

				@Override
				public void up(QueryInterface q) {
					q.sql("CREATE INDEX CONCURRENTLY users_id ON users (id)");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenMigration {

		@Bean
		Migration broken() {
			return new Migration() {

				@Override
				public String id() {
					return "20260501130000_broken";
				}

				@Override
				public void up(QueryInterface q) {
					q.sql("UPDATE nowhere SET x = 1");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackageClasses = CreateWidgets.class)
	static class ScanComponents {

	}

	@Configuration(proxyBeanMethods = false)
	static class WidgetsBean {

		@Bean
		CreateWidgets createWidgetsByHand(org.springframework.core.env.Environment environment) {
			return new CreateWidgets(environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MigrationsDataSourceConfiguration {

		@Bean
		@Primary
		DataSource dataSource() {
			return DataSourceBuilder.create()
				.type(SimpleDriverDataSource.class)
				.url(db.url())
				.username(db.user())
				.password(db.password())
				.build();
		}

		@Bean
		@MigrationsDataSource
		DataSource migrationsDataSource() {
			return DataSourceBuilder.create()
				.type(SimpleDriverDataSource.class)
				.url(other.url())
				.username(other.user())
				.password(other.password())
				.build();
		}

	}

}
