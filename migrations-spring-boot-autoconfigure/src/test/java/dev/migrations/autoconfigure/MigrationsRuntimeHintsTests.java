package dev.migrations.autoconfigure;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.core.Seeder;
import dev.migrations.core.SeederId;
import dev.migrations.safety.Acknowledge;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MigrationsRuntimeHints}: what the engine reads reflectively, registered through {@code aot.factories}.
 */
class MigrationsRuntimeHintsTests {

	private final RuntimeHints hints = registered();

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, MigrationsRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

	@Test
	void annotationsReadAtRunTimeAreRegistered() {
		assertThat(RuntimeHintsPredicates.reflection().onType(MigrationId.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(SeederId.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Acknowledge.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(Acknowledge.class.getName() + "$List"))).accepts(this.hints);
	}

	@Test
	void overriddenDownAndUndoCanBeLookedUp() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Migration.class.getMethod("down", dev.migrations.schema.QueryInterface.class)))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Seeder.class.getMethod("undo", dev.migrations.schema.QueryInterface.class)))
			.accepts(this.hints);
	}

	@Test
	void migrationClassesCanBeCreatedByName() {
		RuntimeHints hints = new RuntimeHints();
		MigrationsRuntimeHints.registerMigrationClass(hints.reflection(),
				TypeReference.of("dev.migrations.autoconfigure.fixtures.scanned.CreateWidgets"));
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.migrations.autoconfigure.fixtures.scanned.CreateWidgets"))
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.ACCESS_DECLARED_FIELDS))
			.accepts(hints);
	}

}
