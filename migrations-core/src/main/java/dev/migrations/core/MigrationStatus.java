package dev.migrations.core;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One migration's state, from the code and the history.
 *
 * @param id the id
 * @param description the description part of the id
 * @param state the state
 * @param batch the batch that applied it, {@code null} when not applied
 * @param startedAt when it started, {@code null} when not applied
 * @param appliedAt when it finished, {@code null} when not applied
 * @param executionTimeMs how long it ran, {@code null} when not applied
 * @param appliedBy the host that applied it
 * @param application the application that applied it
 * @param transactional whether it runs in one transaction ({@code null} for a missing one)
 * @param reversible whether it has a down method ({@code null} for a missing one)
 * @param checksum the recorded checksum ({@code null} for a row written before checksums were recorded)
 * @param error the error text of a failed one
 * @param script the SQL it ran, as recorded
 * @param acknowledgements the safety findings its author acknowledged, with their reasons, as recorded
 */
public record MigrationStatus(String id, String description, MigrationState state, @Nullable Integer batch,
		@Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime appliedAt, @Nullable Long executionTimeMs,
		@Nullable String appliedBy, @Nullable String application, @Nullable Boolean transactional,
		@Nullable Boolean reversible, @Nullable String checksum, @Nullable String error, @Nullable String script,
		@Nullable String acknowledgements) {
}
