package dev.migrations.core;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One row of the history table. Rows read for planning ({@link HistoryStore#readStates}) carry only the id,
 * description, state, batch, transaction mode and error; the rest is {@code null}.
 */
record HistoryRow(String id, String description, State state, int batch, @Nullable String checksum,
		boolean transactional, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt,
		@Nullable Long executionMs, @Nullable String appliedBy, @Nullable String application, @Nullable String error,
		@Nullable String script, @Nullable String acknowledgements) {

	/** The states a row can be in; an undone migration has no row. */
	enum State {

		APPLIED, FAILED, RUNNING

	}

	boolean isApplied() {
		return this.state == State.APPLIED;
	}

}
