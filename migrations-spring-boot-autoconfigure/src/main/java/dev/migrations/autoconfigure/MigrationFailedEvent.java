package dev.migrations.autoconfigure;

import java.time.Duration;

import dev.migrations.core.MigrationStep;

/**
 * Published after a migration's {@code up} or {@code down} failed: a transactional one was rolled back, a
 * non-transactional one is left marked failed in the history.
 */
public class MigrationFailedEvent extends MigrationStepEvent {

	private final Duration duration;

	private final Throwable failure;

	public MigrationFailedEvent(MigrationStep step, Duration duration, Throwable failure) {
		super(step);
		this.duration = duration;
		this.failure = failure;
	}

	/** How long the migration ran before it failed. */
	public Duration getDuration() {
		return this.duration;
	}

	/** Why it failed. */
	public Throwable getFailure() {
		return this.failure;
	}

}
