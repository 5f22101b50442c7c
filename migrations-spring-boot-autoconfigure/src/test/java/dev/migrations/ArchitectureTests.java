package dev.migrations;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the Spring Boot integration; the engine's own rules live with it in {@code migrations-core}.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.migrations.autoconfigure", "dev.migrations.actuate");

	@Test
	void autoConfigurationDoesNotDependOnTheActuatorIntegration() {
		noClasses().that()
			.resideInAPackage("dev.migrations.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.migrations.actuate..")
			.check(classes);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.migrations.(*)..").should().beFreeOfCycles().check(classes);
	}

}
