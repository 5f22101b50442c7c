package dev.migrations.core;

/**
 * Where a migration stands, from the code and the history together.
 */
public enum MigrationState {

	/** Applied and recorded. */
	APPLIED,

	/** In the code, not applied. */
	PENDING,

	/** Pending and older than the newest applied migration (it arrived with a branch merge). */
	OUT_OF_ORDER,

	/** A non-transactional migration that failed midway; resolve with retry, mark-applied or mark-rolled-back. */
	FAILED,

	/** A non-transactional migration recorded as started and never finished: it is running now, or its run died. */
	RUNNING,

	/** Recorded as applied but no longer in the code. */
	MISSING,

	/**
	 * Applied, but its class changed since: its checksum differs from the recorded one. Accept the change with
	 * {@code accept-checksums} once a human decided the applied schema and the code agree.
	 */
	MODIFIED

}
