package dev.migrations.core;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One row of a history table ({@code schema_migrations} or {@code schema_seeds}: the same columns). Rows read for
 * planning ({@link History#readStates}) carry only the id, description, state, batch, transaction mode and error; the
 * rest is {@code null}. Build rows with the named factories ({@link #applied}, {@link #running}, {@link #marked}).
 */
record HistoryRow(String id, String description, State state, int batch, @Nullable String checksum,
		boolean transactional, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt,
		@Nullable Long executionMs, @Nullable String appliedBy, @Nullable String application, @Nullable String error,
		@Nullable String script, @Nullable String acknowledgements) {

	/** The states a row can be in; an undone migration has no row. */
	enum State {

		APPLIED, FAILED, RUNNING

	}

	/** Who records rows: the host and the application, the same for every row of a runner. */
	record Origin(@Nullable String appliedBy, @Nullable String application) {

	}

	/** A step that ran to the end in a transaction, recorded in the same transaction. */
	static HistoryRow applied(String id, String description, int batch, @Nullable String checksum,
			OffsetDateTime startedAt, long executionMs, Origin origin, @Nullable String script,
			@Nullable String acknowledgements) {
		return new HistoryRow(id, description, State.APPLIED, batch, checksum, true, startedAt, Runs.now(), executionMs,
				origin.appliedBy(), origin.application(), null, script, acknowledgements);
	}

	/** A non-transactional step about to run: its row says running until it is {@linkplain History#finish finished}. */
	static HistoryRow running(String id, String description, int batch, @Nullable String checksum,
			OffsetDateTime startedAt, Origin origin, @Nullable String acknowledgements) {
		return new HistoryRow(id, description, State.RUNNING, batch, checksum, false, startedAt, null, null,
				origin.appliedBy(), origin.application(), null, null, acknowledgements);
	}

	/**
	 * A migration recorded as applied without running it ({@code mark-applied}, a baseline, {@code import-flyway}).
	 * @param how why it was recorded, kept in the acknowledgements column as before
	 */
	static HistoryRow marked(String id, String description, int batch, @Nullable String checksum,
			boolean transactional, OffsetDateTime now, Origin origin, String how) {
		return new HistoryRow(id, description, State.APPLIED, batch, checksum, transactional, now, now, 0L,
				origin.appliedBy(), origin.application(), null, null, how);
	}

	/** A row as planning reads it: no timestamps, no script. */
	static HistoryRow state(String id, String description, State state, int batch, @Nullable String checksum,
			boolean transactional, @Nullable String error) {
		return new HistoryRow(id, description, state, batch, checksum, transactional, null, null, null, null, null, error,
				null, null);
	}

	boolean isApplied() {
		return this.state == State.APPLIED;
	}

}
