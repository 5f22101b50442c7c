package dev.migrations.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What one command did on one tenant of a {@link Fleet}.
 *
 * @param tenant the tenant's name
 * @param state how it ended
 * @param result what the command returned ({@link CommandResult}, {@link StatusReport}, {@link MigrationPlan},
 * {@link SeedReport}...), {@code null} when it failed
 * @param error why it failed (the tenant named by the caller), {@code null} unless {@code state} is {@code FAILED}
 * @param duration how long the tenant's last attempt took
 * @param lockedAttempts how often the tenant was found locked by another instance and put back for later
 */
public record TenantOutcome(String tenant, State state, @Nullable Object result, @Nullable String error,
		Duration duration, int lockedAttempts) {

	/** How a tenant's command ended. */
	public enum State {

		/** The command changed something (applied, undid, marked or seeded at least one step). */
		CHANGED,

		/** The command found nothing to do, or a read found the tenant up to date. */
		UP_TO_DATE,

		/** A read ({@code status}, {@code plan}) found pending or failed migrations. */
		PENDING,

		/**
		 * Another instance held the tenant's lock when it was first tried; by the time this run got the tenant, that
		 * instance had done the work and nothing was left.
		 */
		BY_OTHER_INSTANCE,

		/** The command failed on the tenant; the others went on. */
		FAILED

	}

}
