package dev.migrations.autoconfigure;

import dev.migrations.core.MigrationStep;

/**
 * Published before a migration's {@code up} (umzug's {@code migrating}) or {@code down} (umzug's {@code reverting})
 * runs, after the schema lock was taken.
 */
public class MigrationStartingEvent extends MigrationStepEvent {

	public MigrationStartingEvent(MigrationStep step) {
		super(step);
	}

}
