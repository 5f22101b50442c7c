package dev.migrations.core;

import java.lang.reflect.Method;
import java.time.Duration;

import dev.migrations.schema.QueryInterface;
import org.jspecify.annotations.Nullable;

/**
 * A migration with its checked id and the facts read from it once.
 */
record ResolvedMigration(String source, Migration migration, String id, String description, boolean transactional,
		boolean reversible, @Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {

	static ResolvedMigration of(String source, Migration migration) {
		String id = migration.id();
		if (id == null) {
			throw new InvalidMigrationException("Migration " + source + " returned a null id");
		}
		String description = MigrationIds.describe(id, source);
		return new ResolvedMigration(source, migration, id, description, migration.transactional(),
				overridesDown(migration), migration.lockTimeout(), migration.statementTimeout());
	}

	private static boolean overridesDown(Migration migration) {
		try {
			Method down = MigrationIds.userClass(migration.getClass()).getMethod("down", QueryInterface.class);
			return down.getDeclaringClass() != Migration.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	MigrationStep step(Direction direction) {
		return new MigrationStep(this.id, this.description, direction, this.transactional);
	}

	/** Names the migration for messages: its id and where it came from. */
	String describe() {
		return this.id + " (" + this.source + ")";
	}

}
