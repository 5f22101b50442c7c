package dev.migrations.autoconfigure;

import javax.sql.DataSource;

import dev.migrations.core.MigrationCallback;
import dev.migrations.core.MigrationListener;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import dev.migrations.core.Seeder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Seeders, imported by {@link MigrationsAutoConfiguration}: the {@link SeedRunner} over every {@link Seeder} bean
 * (always there, for the seed commands) and, with {@code migrations.seeders.enabled=true}, the
 * {@link SeedersInitializer} that seeds at startup after the migrations. The runner uses the migrations' DataSource
 * and takes the migrations' schema lock.
 */
@Configuration(proxyBeanMethods = false)
class SeedersConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SeedRunner seedRunner(MigrationsProperties properties, ObjectProvider<DataSource> dataSource,
			@MigrationsDataSource ObjectProvider<DataSource> migrationsDataSource,
			ObjectProvider<JdbcConnectionDetails> connectionDetails, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<MigrationListener> listeners, ObjectProvider<Migrator> migrator,
			ObjectProvider<MigrationCallback> callbacks, ObjectProvider<SeedRunnerCustomizer> customizers,
			Environment environment) {
		DataSource target = MigrationsAutoConfiguration.migrationDataSource(properties,
				migrationsDataSource.getIfAvailable(), dataSource.getIfUnique(), connectionDetails.getIfAvailable());
		SeedersProperties seeders = properties.getSeeders();
		SeedRunner.Builder builder = SeedRunner.builder(target)
			.seeders(ScannedBeans.byName(beanFactory, Seeder.class))
			.schema(MigrationsInitializer.nullIfBlank(properties.getSchema()))
			.migrationsTable(properties.getTable())
			.table(seeders.getTable())
			.storage(seeders.getStorage())
			.lockTimeout(properties.getLock().getTimeout())
			.timeouts(properties.getSafety().toTimeouts())
			.retryPolicy(properties.getSafety().getRetry().toRetryPolicy())
			.lockRetries(properties.getSafety().toLockRetries())
			.connectionCheckInterval(properties.getLock().getConnectionCheckInterval())
			.migrator(migrator.getIfUnique())
			.recordScript(properties.isRecordScript())
			.application(environment.getProperty("spring.application.name"));
		// The migrations' listeners hear the seeders too (as steps of kind SEEDER): events and metrics.
		listeners.orderedStream().forEach(builder::listener);
		callbacks.orderedStream().forEach(builder::callback);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("migrations.seeders.enabled")
	SeedersInitializer seedersInitializer(MigrationsInitializer migrationsInitializer, SeedRunner seedRunner,
			MigrationsProperties properties) {
		return new SeedersInitializer(migrationsInitializer, seedRunner, properties);
	}

}
