package dev.migrations.actuate;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.core.MigrationState;
import dev.migrations.core.MigrationStatus;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedReport;
import dev.migrations.core.SeedRunner;
import dev.migrations.core.StatusReport;
import dev.migrations.dialect.LockHolder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code migrations} endpoint: every migration known to the code or the history with its state, and one
 * migration in detail with the SQL it ran. Read-only; the write operations are in
 * {@link MigrationsEndpointWebExtension}, registered only when {@code migrations.endpoint.write-operations-enabled}
 * is {@code true}.
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	private final Migrator migrator;

	private final @Nullable SeedRunner seedRunner;

	public MigrationsEndpoint(Migrator migrator) {
		this(migrator, null);
	}

	/**
	 * An endpoint that lists the seeders too.
	 * @param migrator the migrator
	 * @param seedRunner the seed runner, {@code null} for none
	 */
	public MigrationsEndpoint(Migrator migrator, @Nullable SeedRunner seedRunner) {
		this.migrator = migrator;
		this.seedRunner = seedRunner;
	}

	/** {@code GET /actuator/migrations}: every migration, the counts per state, the current id and the lock holder. */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		return MigrationsDescriptor.of(this.migrator.status(),
				(this.seedRunner != null && !this.seedRunner.seederIds().isEmpty()) ? this.seedRunner.status() : null);
	}

	/**
	 * {@code GET /actuator/migrations/{id}}: one migration with the SQL it ran and the error text if it failed;
	 * {@code 404} when neither the code nor the history knows the id.
	 */
	@ReadOperation
	public @Nullable MigrationDetailDescriptor migration(@Selector String id) {
		for (MigrationStatus status : this.migrator.status().migrations()) {
			if (status.id().equals(id)) {
				return MigrationDetailDescriptor.of(status);
			}
		}
		return null;
	}

	/**
	 * Every migration known to the code or the history.
	 *
	 * @param schema the schema of the history table
	 * @param table the history table
	 * @param current the newest applied migration, {@code null} when none is
	 * @param counts how many migrations are in each state (every state is listed)
	 * @param lock the session holding the schema lock, {@code null} when it is free
	 * @param migrations every migration, in id order
	 * @param seeders the seeders with their state, {@code null} when the application has none
	 */
	public record MigrationsDescriptor(String schema, String table, @Nullable String current,
			Map<String, Integer> counts, @Nullable LockDescriptor lock, List<MigrationDescriptor> migrations,
			@Nullable SeedReport seeders) implements OperationResponseBody {

		static MigrationsDescriptor of(StatusReport report, @Nullable SeedReport seeders) {
			Map<String, Integer> counts = new LinkedHashMap<>();
			report.counts().forEach((state, count) -> counts.put(state.name(), count));
			return new MigrationsDescriptor(report.schema(), report.table(), report.current(), counts,
					LockDescriptor.of(report.lockHolder()),
					report.migrations().stream().map(MigrationDescriptor::of).toList(), seeders);
		}

	}

	/**
	 * One migration as listed.
	 *
	 * @param id the id
	 * @param description the description part of the id
	 * @param state the state
	 * @param batch the batch that applied it
	 * @param appliedAt when it finished (ISO-8601)
	 * @param executionTimeMs how long it ran
	 * @param appliedBy the host that applied it
	 * @param application the application ({@code spring.application.name}) that applied it
	 * @param transactional whether it runs in one transaction ({@code null} when it is missing from the code)
	 * @param reversible whether it has a {@code down} ({@code null} when it is missing from the code)
	 */
	public record MigrationDescriptor(String id, String description, MigrationState state, @Nullable Integer batch,
			@Nullable OffsetDateTime appliedAt, @Nullable Long executionTimeMs, @Nullable String appliedBy,
			@Nullable String application, @Nullable Boolean transactional, @Nullable Boolean reversible) {

		static MigrationDescriptor of(MigrationStatus status) {
			return new MigrationDescriptor(status.id(), status.description(), status.state(), status.batch(),
					status.appliedAt(), status.executionTimeMs(), status.appliedBy(), status.application(),
					status.transactional(), status.reversible());
		}

	}

	/**
	 * One migration in detail.
	 *
	 * @param id the id
	 * @param description the description part of the id
	 * @param state the state
	 * @param batch the batch that applied it
	 * @param startedAt when it started (ISO-8601)
	 * @param appliedAt when it finished (ISO-8601)
	 * @param executionTimeMs how long it ran
	 * @param appliedBy the host that applied it
	 * @param application the application that applied it
	 * @param transactional whether it runs in one transaction
	 * @param reversible whether it has a {@code down}
	 * @param checksum the recorded checksum, once checksums exist
	 * @param script the SQL it ran, as recorded
	 * @param error the error text when it failed
	 */
	public record MigrationDetailDescriptor(String id, String description, MigrationState state,
			@Nullable Integer batch, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime appliedAt,
			@Nullable Long executionTimeMs, @Nullable String appliedBy, @Nullable String application,
			@Nullable Boolean transactional, @Nullable Boolean reversible, @Nullable String checksum,
			@Nullable String script, @Nullable String error) implements OperationResponseBody {

		static MigrationDetailDescriptor of(MigrationStatus status) {
			return new MigrationDetailDescriptor(status.id(), status.description(), status.state(), status.batch(),
					status.startedAt(), status.appliedAt(), status.executionTimeMs(), status.appliedBy(),
					status.application(), status.transactional(), status.reversible(), status.checksum(),
					status.script(), status.error());
		}

	}

	/**
	 * The database session holding the schema lock.
	 *
	 * @param pid the backend process id
	 * @param applicationName the session's {@code application_name}
	 * @param clientAddress the client's address, {@code null} for a Unix socket
	 * @param since when the holding session connected (ISO-8601)
	 * @param state the session's state
	 */
	public record LockDescriptor(int pid, @Nullable String applicationName, @Nullable String clientAddress,
			@Nullable OffsetDateTime since, @Nullable String state) {

		static @Nullable LockDescriptor of(@Nullable LockHolder holder) {
			return (holder != null) ? new LockDescriptor(holder.pid(), holder.applicationName(), holder.clientAddress(),
					holder.connectedSince(), holder.state()) : null;
		}

	}

}
