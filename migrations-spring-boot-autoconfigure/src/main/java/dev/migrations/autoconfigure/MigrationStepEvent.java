package dev.migrations.autoconfigure;

import dev.migrations.core.Direction;
import dev.migrations.core.MigrationStep;

/**
 * Base class of the events about one migration run in one direction.
 */
public abstract class MigrationStepEvent extends MigrationsEvent {

	protected MigrationStepEvent(MigrationStep step) {
		super(step);
	}

	/** The migration and the direction it runs in. */
	public MigrationStep getStep() {
		return (MigrationStep) getSource();
	}

	/** The migration's id. */
	public String getId() {
		return getStep().id();
	}

	/** {@link Direction#UP} when applying, {@link Direction#DOWN} when undoing. */
	public Direction getDirection() {
		return getStep().direction();
	}

}
