package dev.migrations.core;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One seeder's state, from the code and the seed history.
 *
 * @param id the id
 * @param description the description part of the id
 * @param state whether it ran
 * @param runAlways whether it runs on every seed
 * @param batch the seed run that last ran it, {@code null} when it has not run (or storage is none)
 * @param ranAt when it last finished, {@code null} when it has not run
 * @param ranBy the host that last ran it
 */
public record SeedStatus(String id, String description, State state, boolean runAlways, @Nullable Integer batch,
		@Nullable OffsetDateTime ranAt, @Nullable String ranBy) {

	/** Where a seeder stands. */
	public enum State {

		/** Ran on this database and is recorded. */
		RAN,

		/** In the code and not recorded (with storage none: always). */
		PENDING,

		/** Recorded, but no longer in the code (or not active in this profile). */
		MISSING

	}

}
