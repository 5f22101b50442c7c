package dev.migrations.autoconfigure;

import dev.migrations.core.Migrator;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MigrationBeansRegistrar}: the packages it scans and the names of the classes it finds.
 */
class MigrationBeansRegistrarTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
		.withPropertyValues(db.datasourceProperties());

	@Test
	void scannedClassesWithTheSameSimpleNameInDifferentPackagesAllRun() {
		this.runner.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.samename")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Migrator.class).migrationIds()).containsExactly(
						"20260801000000_add_thing_a", "20260801000100_add_thing_b", "20260801000200_add_thing_c");
				CatalogSnapshot catalog = CatalogSnapshot.of(db.dataSource());
				assertThat(catalog.hasRelation("thing_a")).isTrue();
				assertThat(catalog.hasRelation("thing_b")).isTrue();
				assertThat(catalog.hasRelation("thing_c")).isTrue();
				// The one without @MigrationId is a bean; its short name was taken by a scanned class already.
				assertThat(context.getBeanNamesForType(dev.migrations.autoconfigure.fixtures.samename.c.AddThing.class))
					.containsExactly(dev.migrations.autoconfigure.fixtures.samename.c.AddThing.class.getName());
			});
	}

	@Test
	void scanPackagesAsACommaSeparatedValueOrAsAListAreScanned() {
		String samename = "dev.migrations.autoconfigure.fixtures.samename";
		String seeders = "dev.migrations.autoconfigure.fixtures.seeders";
		db.reset();
		this.runner.withPropertyValues("migrations.scan-packages=" + samename + ".a , " + samename + ".b")
			.run((context) -> assertThat(context.getBean(Migrator.class).migrationIds())
				.containsExactly("20260801000000_add_thing_a", "20260801000100_add_thing_b"));
		// The indexed form of a YAML list or of MIGRATIONS_SCANPACKAGES_0 environment variables.
		db.reset();
		this.runner
			.withPropertyValues("migrations.scan-packages[0]=" + seeders, "migrations.scan-packages[1]=" + samename + ".b")
			.run((context) -> assertThat(context.getBean(Migrator.class).migrationIds())
				.containsExactly("20260601000000_create_colors", "20260801000100_add_thing_b"));
	}

}
