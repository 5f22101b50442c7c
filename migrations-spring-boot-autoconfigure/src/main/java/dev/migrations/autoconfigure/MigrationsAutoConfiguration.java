package dev.migrations.autoconfigure;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.migrations.core.Fleet;
import dev.migrations.core.Migration;
import dev.migrations.core.MigrationCallback;
import dev.migrations.core.MigrationListener;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for migrations: finds the {@link Migration} beans, builds the {@link Migrator} and runs it at
 * startup through {@link MigrationsInitializer}, before anything that uses the database.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
@Conditional(MigrationsAutoConfiguration.MigrationsDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "migrations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigrationsProperties.class)
@Import({ DatabaseInitializationDependencyConfigurer.class, MigrationBeansRegistrar.class, SeedersConfiguration.class,
		FleetConfiguration.class })
public final class MigrationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Migrator migrator(MigrationsProperties properties, ObjectProvider<DataSource> dataSource,
			@MigrationsDataSource ObjectProvider<DataSource> migrationsDataSource,
			ObjectProvider<JdbcConnectionDetails> connectionDetails, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<MigrationListener> listeners, ObjectProvider<ScannedMigrations> scannedMigrations,
			ObjectProvider<MigrationCallback> callbacks, ObjectProvider<MigratorCustomizer> customizers,
			Environment environment) {
		DataSource custom = migrationsDataSource.getIfAvailable();
		DataSource target = migrationDataSource(properties, custom,
				dataSource.getIfUnique(), connectionDetails.getIfAvailable());
		Migrator.Builder builder = Migrator.builder(target)
			.table(properties.getTable())
			.schema(MigrationsInitializer.nullIfBlank(properties.getSchema()))
			.lockTimeout(properties.getLock().getTimeout())
			.connectionCheckInterval(properties.getLock().getConnectionCheckInterval())
			.validation(properties.getValidation().toValidation())
			.timeouts(properties.getSafety().toTimeouts())
			.retryPolicy(properties.getSafety().getRetry().toRetryPolicy())
			.lockRetries(properties.getSafety().toLockRetries())
			.safetyMode(properties.getSafety().getMode())
			.baselineOnMigrate(properties.baseline())
			.group(properties.isGroup())
			.recordScript(properties.isRecordScript())
			.application(environment.getProperty("spring.application.name"));
		if (custom == null) {
			scratchLogin(builder, properties, connectionDetails.getIfAvailable());
		}
		addMigrations(builder, beanFactory, scannedMigrations.getIfAvailable());
		listeners.orderedStream().forEach(builder::listener);
		callbacks.orderedStream().forEach(builder::callback);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationsInitializer migrationsInitializer(ObjectProvider<Migrator> migrators, MigrationsProperties properties,
			ObjectProvider<SeedRunner> seedRunner, ObjectProvider<MigrationsStartupStrategy> strategy,
			ObjectProvider<MigrationsCommandExit> exit, ObjectProvider<Fleet> fleet) {
		List<Migrator> all = migrators.orderedStream().toList();
		Migrator primary = migrators.getIfUnique();
		if (primary == null && properties.getCommand() != null) {
			throw new IllegalStateException("migrations.command=" + properties.getCommand().cliName() + " needs one "
					+ "Migrator to run on, but there are " + all.size() + " and none is @Primary; mark one @Primary");
		}
		SeedRunner seeds = seedRunner.getIfAvailable();
		MigrationsInitializer initializer = new MigrationsInitializer((primary != null) ? primary : all.get(0), all,
				properties, seeds, strategy.getIfAvailable(() -> MigrationsStartupStrategy.of(properties.getOnStartup())),
				exit.getIfAvailable(() -> System::exit));
		if (seeds != null && properties.getSeeders().isEnabled()) {
			// Migrate and seed at startup under one schema lock (see SeedersInitializer).
			initializer.seedAtStartup(seeds);
		}
		fleet.ifAvailable(initializer::fleet);
		return initializer;
	}

	/**
	 * Publishes what the migrator does as {@link MigrationsEvent application events}; the migrator takes it like any
	 * other {@link MigrationListener} bean.
	 */
	@Bean
	@ConditionalOnMissingBean
	MigrationsEventPublisher migrationsEventPublisher(ApplicationEventPublisher publisher) {
		return new MigrationsEventPublisher(publisher);
	}

	static DataSource migrationDataSource(MigrationsProperties properties,
			@Nullable DataSource migrationsDataSource, @Nullable DataSource dataSource,
			@Nullable JdbcConnectionDetails connectionDetails) {
		if (migrationsDataSource != null) {
			return migrationsDataSource;
		}
		if (StringUtils.hasText(properties.getUrl())) {
			return DataSourceBuilder.create()
				.type(SimpleDriverDataSource.class)
				.url(properties.getUrl())
				.username(properties.getUser())
				.password(properties.getPassword())
				.build();
		}
		if (StringUtils.hasText(properties.getUser())) {
			if (dataSource == null) {
				throw new IllegalStateException("migrations.user is set without migrations.url, but there is no single "
						+ "application DataSource to take the URL from; set migrations.url");
			}
			DataSourceBuilder<?> builder = (connectionDetails != null)
					? DataSourceBuilder.create().url(connectionDetails.getJdbcUrl())
					: DataSourceBuilder.derivedFrom(dataSource);
			return builder.type(SimpleDriverDataSource.class)
				.username(properties.getUser())
				.password(properties.getPassword())
				.build();
		}
		if (dataSource == null) {
			throw new IllegalStateException("Migrations need a DataSource: there is none, or several without a @Primary "
					+ "one; mark one @Primary or @MigrationsDataSource, or set migrations.url");
		}
		return dataSource;
	}

	/**
	 * The login of the scratch database of {@code diff}: that of {@code migrations.user}, else the application's
	 * connection details; a custom migrations DataSource leaves the default (its user, no password).
	 */
	private static void scratchLogin(Migrator.Builder builder, MigrationsProperties properties,
			@Nullable JdbcConnectionDetails connectionDetails) {
		if (StringUtils.hasText(properties.getUser())) {
			builder.scratchLogin(properties.getUser(), properties.getPassword());
		}
		else if (connectionDetails != null && !StringUtils.hasText(properties.getUrl())) {
			builder.scratchLogin(connectionDetails.getUsername(), connectionDetails.getPassword());
		}
	}

	/**
	 * Adds the migration beans and the scanned {@code @MigrationId} classes. A scanned class that is also declared
	 * as a bean ({@code @Bean} method) is taken once, from the declaration.
	 */
	private static void addMigrations(Migrator.Builder builder, ConfigurableListableBeanFactory beanFactory,
			@Nullable ScannedMigrations scanned) {
		Map<String, Migration> beans = ScannedBeans.byName(beanFactory, Migration.class);
		builder.migrations(beans);
		if (scanned == null) {
			return;
		}
		Set<String> declared = new HashSet<>();
		beans.values().forEach((bean) -> declared.add(ClassUtils.getUserClass(bean).getName()));
		for (ScannedMigrations.Candidate candidate : scanned.candidates()) {
			if (!declared.contains(candidate.className())) {
				builder.migration(candidate.name(), candidate.supplier(beanFactory));
			}
		}
	}


	static final class MigrationsDataSourceCondition extends AnyNestedCondition {

		MigrationsDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnProperty("migrations.url")
		private static final class MigrationsUrlCondition {

		}

	}

}
