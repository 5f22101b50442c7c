package dev.migrations;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the engine ({@code core}, {@code schema}, {@code dialect}, {@code safety}): no Spring Boot in
 * it, and dependencies only downwards.
 */
class EngineArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.migrations");

	@Test
	void engineHasNoSpringBoot() {
		noClasses().that()
			.resideInAnyPackage("dev.migrations.core..", "dev.migrations.schema..", "dev.migrations.dialect..",
					"dev.migrations.safety..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..")
			.because("the engine must be usable from plain Spring or plain Java")
			.check(classes);
	}

	@Test
	void engineDoesNotKnowTheSpringBootIntegration() {
		noClasses().that()
			.resideInAnyPackage("dev.migrations.core..", "dev.migrations.schema..", "dev.migrations.dialect..",
					"dev.migrations.safety..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.migrations.autoconfigure..", "dev.migrations.actuate..")
			.check(classes);
	}

	@Test
	void dialectDependsOnNothingElseOfOurs() {
		noClasses().that()
			.resideInAPackage("dev.migrations.dialect..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.migrations.core..", "dev.migrations.schema..", "dev.migrations.safety..")
			.check(classes);
	}

	@Test
	void schemaDependsOnlyOnDialect() {
		noClasses().that()
			.resideInAPackage("dev.migrations.schema..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.migrations.core..", "dev.migrations.safety..")
			.check(classes);
	}

	@Test
	void safetyDependsOnlyOnSchemaAndDialect() {
		noClasses().that()
			.resideInAPackage("dev.migrations.safety..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.migrations.core..")
			.check(classes);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.migrations.(*)..").should().beFreeOfCycles().check(classes);
	}

}
