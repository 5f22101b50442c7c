package dev.migrations.autoconfigure;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.core.Seeder;
import dev.migrations.core.SeederId;
import dev.migrations.safety.Acknowledge;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * {@link RuntimeHints} for what the engine reads reflectively whatever the application: the annotations read from
 * migration and seeder classes at run time ({@code @MigrationId}, {@code @SeederId}, {@code @Acknowledge}) and the
 * {@link Migration}/{@link Seeder} methods looked up to tell whether a class overrides {@code down}/{@code undo}.
 * The application's own migration and seeder classes are registered by
 * {@link MigrationsBeanFactoryInitializationAotProcessor}, which knows them at build time.
 */
class MigrationsRuntimeHints implements RuntimeHintsRegistrar {

	/** The container of repeated {@code @Acknowledge}s, which is not public. */
	private static final TypeReference ACKNOWLEDGE_LIST = TypeReference.of(Acknowledge.class.getName() + "$List");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		ReflectionHints reflection = hints.reflection();
		reflection.registerType(MigrationId.class, MemberCategory.INVOKE_DECLARED_METHODS);
		reflection.registerType(SeederId.class, MemberCategory.INVOKE_DECLARED_METHODS);
		reflection.registerType(Acknowledge.class, MemberCategory.INVOKE_DECLARED_METHODS);
		reflection.registerType(ACKNOWLEDGE_LIST, MemberCategory.INVOKE_DECLARED_METHODS);
		reflection.registerType(Migration.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		reflection.registerType(Seeder.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

	/**
	 * Registers a migration or seeder class: loaded by name and created with dependency injection
	 * ({@code createBean}: constructors, {@code @Autowired} fields and methods), its annotations and public methods
	 * read by the engine.
	 */
	static void registerMigrationClass(ReflectionHints reflection, TypeReference type) {
		reflection.registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS,
				MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS);
	}

}
