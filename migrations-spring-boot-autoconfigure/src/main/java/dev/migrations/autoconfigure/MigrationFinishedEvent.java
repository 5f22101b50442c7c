package dev.migrations.autoconfigure;

import java.time.Duration;

import dev.migrations.core.MigrationStep;

/**
 * Published after a migration's {@code up} (umzug's {@code migrated}) or {@code down} (umzug's {@code reverted}) ran
 * successfully and was recorded.
 */
public class MigrationFinishedEvent extends MigrationStepEvent {

	private final Duration duration;

	public MigrationFinishedEvent(MigrationStep step, Duration duration) {
		super(step);
		this.duration = duration;
	}

	/** How long the migration ran. */
	public Duration getDuration() {
		return this.duration;
	}

}
