package dev.migrations.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;

import dev.migrations.autoconfigure.fixtures.samename.a.AddThing;
import dev.migrations.autoconfigure.fixtures.seeders.ReferenceColors;
import dev.migrations.core.Migrator;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration processed by Spring AOT, as {@code spring-boot:process-aot} does: the generated code is
 * compiled and run on a real database, without the classpath scan.
 */
@CompileWithForkedClassLoader
class MigrationsAotTests {

	static {
		// The forked class loader has its own copy of the driver, which DriverManager does not know until it loads.
		try {
			Class.forName("org.postgresql.Driver");
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final String SCANNED = "migrations.scan-packages=dev.migrations.autoconfigure.fixtures.seeders,"
			+ "dev.migrations.autoconfigure.fixtures.samename";

	@Test
	void generatedCodeRunsTheScannedMigrationsAndSeedersWithoutScanning() throws IOException {
		db.reset();
		TestGenerationContext generationContext = new TestGenerationContext();
		ClassName initializer = processAheadOfTime(generationContext, SCANNED, "migrations.seeders.enabled=true");
		// The scanned classes are created by name with dependency injection: they need reflection in a native image.
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(AddThing.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(generationContext.getRuntimeHints());
		assertThat(RuntimeHintsPredicates.reflection().onType(ReferenceColors.class))
			.accepts(generationContext.getRuntimeHints());
		// The scanned migrations are data in a generated resource (with its hint), not literals in generated code: no
		// generated method grows with the number of migrations.
		Map<String, InputStreamSource> resources = generationContext.getGeneratedFiles()
			.getGeneratedFiles(GeneratedFiles.Kind.RESOURCE);
		String recorded = resources.keySet()
			.stream()
			.filter((path) -> path.startsWith(ScannedMigrationsAotProcessor.LOCATION))
			.findFirst()
			.orElseThrow();
		assertThat(RuntimeHintsPredicates.resource().forResource(recorded)).accepts(generationContext.getRuntimeHints());
		assertThat(generationContext.getGeneratedFiles().getGeneratedFileContent(GeneratedFiles.Kind.RESOURCE, recorded))
			.contains(AddThing.class.getName() + "\t20260801000000_add_thing_a");
		assertThat(generationContext.getGeneratedFiles().getGeneratedFiles(GeneratedFiles.Kind.SOURCE).keySet())
			.noneMatch((path) -> {
				try {
					return generationContext.getGeneratedFiles()
						.getGeneratedFileContent(GeneratedFiles.Kind.SOURCE, path)
						.contains("20260801000000_add_thing_a");
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		// At run time the packages to scan point elsewhere: what runs was recorded at build time.
		runGenerated(generationContext, initializer, (context) -> {
			assertThat(context.getBean(Migrator.class).migrationIds()).containsExactly("20260601000000_create_colors",
					"20260801000000_add_thing_a", "20260801000100_add_thing_b", "20260801000200_add_thing_c");
			assertThat(context.getBean(Migrator.class).status().isUpToDate()).isTrue();
			CatalogSnapshot catalog = CatalogSnapshot.of(db.dataSource());
			assertThat(catalog.hasRelation("thing_a")).isTrue();
			assertThat(catalog.hasRelation("thing_b")).isTrue();
			assertThat(catalog.hasRelation("thing_c")).isTrue();
			assertThat(db.jdbc().queryForObject("SELECT count(*) FROM colors WHERE source = 'reference'", Integer.class))
				.isEqualTo(2);
			assertThat(context.getBeanFactory()
				.getBeanDefinition(context.getBeanNamesForType(ReferenceColors.class)[0])
				.getAttribute(MigrationBeansRegistrar.SCANNED_ATTRIBUTE)).as("scanned mark kept in generated code")
				.isEqualTo(Boolean.TRUE);
		}, "migrations.scan-packages=dev.migrations.autoconfigure.fixtures.nothing", "migrations.seeders.enabled=true");
	}

	private static ClassName processAheadOfTime(TestGenerationContext generationContext, String... properties) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			TestPropertyValues.of(db.datasourceProperties()).and(properties).applyTo(context);
			context.register(MigrationsApplication.class);
			ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
			generationContext.writeGeneratedContent();
			return initializer;
		}
	}

	@SuppressWarnings("unchecked")
	private static void runGenerated(TestGenerationContext generationContext, ClassName initializer,
			Consumer<GenericApplicationContext> assertions, String... properties) {
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			try (GenericApplicationContext context = new GenericApplicationContext()) {
				TestPropertyValues.of(db.datasourceProperties()).and(properties).applyTo(context);
				compiled.getInstance(ApplicationContextInitializer.class, initializer.toString()).initialize(context);
				context.refresh();
				assertions.accept(context);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class })
	static class MigrationsApplication {

	}

}
