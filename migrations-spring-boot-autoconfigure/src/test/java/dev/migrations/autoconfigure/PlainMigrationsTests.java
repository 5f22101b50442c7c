package dev.migrations.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.migrations.autoconfigure.fixtures.plain.CreateGizmos;
import dev.migrations.autoconfigure.fixtures.scanned.CreateWidgets;
import dev.migrations.core.Migration;
import dev.migrations.core.Migrator;
import dev.migrations.index.IndexEntry;
import dev.migrations.index.MigrationIndex;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scanned migrations that the build-time index records as plain (nothing to inject or call back) are created with
 * their constructor; the others are still created as beans, with injection and the post-processors.
 */
class PlainMigrationsTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
		.withUserConfiguration(SeenMigrations.class)
		.withPropertyValues(db.datasourceProperties())
		.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.plain,"
				+ "dev.migrations.autoconfigure.fixtures.scanned");

	@Test
	void plainMigrationsAreCreatedWithTheirConstructorAndTheOthersAsBeans() {
		MigrationIndex index = MigrationIndex.load(getClass().getClassLoader());
		assertThat(index).isNotNull();
		assertThat(index.verify("dev.migrations.autoconfigure.fixtures", listing("dev.migrations.autoconfigure.fixtures"))
			.entries()).extracting(IndexEntry::className, IndexEntry::kind)
			.contains(org.assertj.core.groups.Tuple.tuple(CreateGizmos.class.getName(), IndexEntry.Kind.PLAIN),
					org.assertj.core.groups.Tuple.tuple(CreateWidgets.class.getName(), IndexEntry.Kind.MIGRATION));
		db.reset();
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Migrator.class).status().isUpToDate()).isTrue();
			CatalogSnapshot catalog = CatalogSnapshot.of(db.dataSource());
			assertThat(catalog.hasRelation("gizmos")).isTrue();
			assertThat(catalog.hasRelation("widgets")).as("the one with a constructor dependency").isTrue();
			List<Class<?>> seen = context.getBean(SeenMigrations.class).seen;
			assertThat(seen).contains(CreateWidgets.class).doesNotContain(CreateGizmos.class);
		});
	}

	private static dev.migrations.index.ClassFileListing listing(String basePackage) {
		try {
			return dev.migrations.index.ClassFileListing.of(PlainMigrationsTests.class.getClassLoader(), basePackage);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Records the migrations the post-processors see. */
	@Configuration(proxyBeanMethods = false)
	static class SeenMigrations {

		final List<Class<?>> seen = new CopyOnWriteArrayList<>();

		@Bean
		static BeanPostProcessor migrationsSeen(org.springframework.beans.factory.ObjectProvider<SeenMigrations> seen) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof Migration) {
						seen.getObject().seen.add(bean.getClass());
					}
					return bean;
				}

			};
		}

	}

}
