package dev.migrations.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.migrations.core.Migrator;
import dev.migrations.index.ClassFileListing;
import dev.migrations.index.IndexEntry;
import dev.migrations.index.MigrationIndex;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build-time migrations index ({@link MigrationIndex}, written by migrations-core's annotation processor when
 * this module's tests were compiled) used by the scan, and the scan it falls back to when the index does not match
 * the class files.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationIndexScanTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final String FIXTURES = "dev.migrations.autoconfigure.fixtures";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
		.withPropertyValues(db.datasourceProperties());

	@BeforeEach
	void reset() {
		db.reset();
	}

	@Test
	void indexIsWrittenForEveryScannedPackageAndMatchesItsClassFiles() throws IOException {
		ClassLoader classLoader = getClass().getClassLoader();
		MigrationIndex index = MigrationIndex.load(classLoader);
		assertThat(index).isNotNull();
		for (String pkg : List.of("scanned", "samename", "samename.a", "samename.b", "samename.c", "seeders",
				"duplicates")) {
			String basePackage = FIXTURES + "." + pkg;
			MigrationIndex.Verification verification = index.verify(basePackage,
					ClassFileListing.of(classLoader, basePackage));
			assertThat(verification.differences()).as(basePackage).isEmpty();
			assertThat(verification.entries()).as(basePackage).isNotEmpty();
		}
		List<IndexEntry> scanned = index
			.verify(FIXTURES + ".scanned", ClassFileListing.of(classLoader, FIXTURES + ".scanned"))
			.entries();
		assertThat(scanned).filteredOn((entry) -> entry.kind() == IndexEntry.Kind.MIGRATION)
			.extracting(IndexEntry::className, IndexEntry::id)
			.contains(org.assertj.core.groups.Tuple.tuple(FIXTURES + ".scanned.CreateWidgets",
					"20260601000000_create_widgets"));
		assertThat(scanned).allSatisfy((entry) -> assertThat(entry.size()).isPositive());
		// Seeders, and migrations with @Profile or without @MigrationId, are read at startup as the scan would.
		List<IndexEntry> seeders = index
			.verify(FIXTURES + ".seeders", ClassFileListing.of(classLoader, FIXTURES + ".seeders"))
			.entries();
		assertThat(seeders).filteredOn((entry) -> entry.className().endsWith(".DemoColors"))
			.extracting(IndexEntry::kind)
			.containsExactly(IndexEntry.Kind.READ);
	}

	@Test
	void matchingIndexFindsTheSameMigrationsWithoutWarning(CapturedOutput output) {
		this.runner.withPropertyValues("migrations.scan-packages=" + FIXTURES + ".samename").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Migrator.class).migrationIds()).containsExactly("20260801000000_add_thing_a",
					"20260801000100_add_thing_b", "20260801000200_add_thing_c");
			assertThat(context.getBeanNamesForType(dev.migrations.autoconfigure.fixtures.samename.c.AddThing.class))
				.containsExactly(dev.migrations.autoconfigure.fixtures.samename.c.AddThing.class.getName());
		});
		assertThat(output).doesNotContain("migrations index");
	}

	@Test
	void migrationAddedWithoutTheProcessorIsFoundWithAWarning(@TempDir Path classes, CapturedOutput output)
			throws Exception {
		Path out = compiledWithoutTheProcessor(classes, "AddedLater", """
				package dev.migrations.autoconfigure.fixtures.scanned;

				import dev.migrations.core.Migration;
				import dev.migrations.core.MigrationId;
				import dev.migrations.schema.QueryInterface;

				@MigrationId("20260601000900_added_later")
				public class AddedLater implements Migration {

					@Override
					public void up(QueryInterface q) {
						q.createTable("added_later", (t) -> t.bigint("id"));
					}

				}
				""");
		runOnTheScannedPackageWith(out, (context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Migrator.class).migrationIds()).contains("20260601000000_create_widgets",
					"20260601000900_added_later");
		});
		assertThat(output).contains("The migrations index (META-INF/migrations/index) does not match the class files "
				+ "of package '" + FIXTURES + ".scanned': " + FIXTURES + ".scanned.AddedLater is not in the index")
			.contains("Scanning the package instead");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations WHERE id = ?", Integer.class,
				"20260601000900_added_later")).isOne();
	}

	@Test
	void aClassTheIndexDoesNotListIsReadAndWhenNoMigrationTheIndexStillHolds(@TempDir Path classes,
			CapturedOutput output) throws Exception {
		// What spring-boot:process-aot adds beside the application's classes, compiled without the index.
		Path out = compiledWithoutTheProcessor(classes, "CreateWidgets__BeanDefinitions", """
				package dev.migrations.autoconfigure.fixtures.scanned;

				public class CreateWidgets__BeanDefinitions {

				}
				""");
		runOnTheScannedPackageWith(out, (context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Migrator.class).migrationIds()).containsExactly("20260601000000_create_widgets",
					"20260601000100_add_widget_name");
		});
		assertThat(output).doesNotContain("migrations index");
	}

	/** Starts the context scanning the fixtures' package with the class files of {@code out} beside its own. */
	private void runOnTheScannedPackageWith(Path out, ContextConsumer<AssertableApplicationContext> assertions)
			throws IOException {
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { out.toUri().toURL() },
				getClass().getClassLoader())) {
			this.runner.withClassLoader(classLoader)
				.withPropertyValues("migrations.scan-packages=" + FIXTURES + ".scanned")
				.run(assertions);
		}
	}

	/** Compiles one class of the scanned fixtures' package without the index processor; returns its output folder. */
	private static Path compiledWithoutTheProcessor(Path classes, String simpleName, String code) throws IOException {
		Path source = classes.resolve("src/" + FIXTURES.replace('.', '/') + "/scanned/" + simpleName + ".java");
		Files.createDirectories(source.getParent());
		Files.writeString(source, code);
		Path out = Files.createDirectories(classes.resolve("out"));
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		assertThat(javac.run(null, null, null, "-proc:none", "-classpath", System.getProperty("java.class.path"), "-d",
				out.toString(), source.toString())).isZero();
		return out;
	}

}
