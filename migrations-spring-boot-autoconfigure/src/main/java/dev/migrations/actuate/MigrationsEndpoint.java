package dev.migrations.actuate;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.core.Fleet;
import dev.migrations.core.MigrationState;
import dev.migrations.core.MigrationStatus;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedReport;
import dev.migrations.core.SeedRunner;
import dev.migrations.core.StatusReport;
import dev.migrations.core.TenantOutcome;
import dev.migrations.dialect.LockHolder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.context.ApplicationContext;

/**
 * The {@code migrations} endpoint: for every {@link Migrator} bean of the application context (and its ancestors),
 * keyed by context id and bean name as Spring Boot's Flyway endpoint keys its {@code flywayBeans}, every migration
 * known to the code or the history with its state; and one migration of the primary migrator in detail with the SQL
 * it ran. Read-only; the write operations are in {@link MigrationsEndpointWebExtension}, registered only when
 * {@code migrations.endpoint.write-operations-enabled} is {@code true}.
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	private final ApplicationContext context;

	/**
	 * Creates the endpoint.
	 * @param context the application context whose migrators (and seed runner) it reports
	 */
	public MigrationsEndpoint(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * {@code GET /actuator/migrations}: per context and migrator bean, every migration, the counts per state, the
	 * current id, the lock holder and (for the primary migrator) the seeders.
	 */
	public MigratorsDescriptor migrations() {
		return migrations(null, null);
	}

	/**
	 * {@code GET /actuator/migrations?page=0&size=100}: {@link #migrations()}, and with a {@link Fleet} the counts of
	 * tenants per state with one page of the tenants that are behind or failed.
	 * @param page the page of tenants, from 0 (0 by default)
	 * @param size the page size (100 by default, at most 1000)
	 */
	@ReadOperation
	public MigratorsDescriptor migrations(@Nullable Integer page, @Nullable Integer size) {
		Map<String, ContextMigratorsDescriptor> contexts = new LinkedHashMap<>();
		ApplicationContext target = this.context;
		while (target != null) {
			contexts.put(target.getId(), ContextMigratorsDescriptor.of(target));
			target = target.getParent();
		}
		Fleet fleet = this.context.getBeanProvider(Fleet.class).getIfUnique();
		return new MigratorsDescriptor(contexts, (fleet != null) ? TenantsDescriptor.of(fleet, page, size) : null);
	}

	/**
	 * {@code GET /actuator/migrations/tenants/{name}}: one tenant's migrations as {@link #migrations()} lists the
	 * application's, with the outcome of the last command that changed it in this process; {@code 404} without a
	 * fleet or for an unknown tenant.
	 * @param tenants the literal {@code tenants}
	 * @param name the tenant's name
	 */
	@ReadOperation
	public @Nullable TenantDetailDescriptor tenant(@Selector String tenants, @Selector String name) {
		Fleet fleet = this.context.getBeanProvider(Fleet.class).getIfUnique();
		if (fleet == null || !"tenants".equals(tenants) || fleet.tenants().stream().noneMatch((t) -> t.name().equals(name))) {
			return null;
		}
		StatusReport report = fleet.onTenant(name, (migrator, seeds) -> migrator.status());
		TenantOutcome last = fleet.lastOutcomes().get(name);
		return new TenantDetailDescriptor(name, (last != null) ? last.state().name() : null,
				(last != null) ? last.error() : null, MigrationsDescriptor.of(report, null));
	}

	/**
	 * One tenant in detail.
	 *
	 * @param name the tenant's name
	 * @param lastState how the last command that changed it in this process ended, {@code null} when none ran
	 * @param lastError why that command failed
	 * @param migrations its migrations, read now
	 */
	public record TenantDetailDescriptor(String name, @Nullable String lastState, @Nullable String lastError,
			MigrationsDescriptor migrations) implements OperationResponseBody {

	}

	/**
	 * {@code GET /actuator/migrations/{id}}: one migration of the primary migrator (or, with several and none
	 * primary, of the first that knows it) with the SQL it ran and the error text if it failed; {@code 404} when
	 * neither the code nor the history knows the id.
	 */
	@ReadOperation
	public @Nullable MigrationDetailDescriptor migration(@Selector String id) {
		Migrator primary = this.context.getBeanProvider(Migrator.class).getIfUnique();
		Collection<Migrator> migrators = (primary != null) ? List.of(primary)
				: this.context.getBeanProvider(Migrator.class).orderedStream().toList();
		for (Migrator migrator : migrators) {
			for (MigrationStatus status : migrator.status().migrations()) {
				if (status.id().equals(id)) {
					MigrationsLockWaits waits = this.context.getBeanProvider(MigrationsLockWaits.class).getIfAvailable();
					return MigrationDetailDescriptor.of(status, (waits != null) ? waits.of(id) : null);
				}
			}
		}
		return null;
	}

	/**
	 * The migrators of the application, per context.
	 *
	 * @param contexts the application contexts by id, from the endpoint's own to the root
	 * @param tenants the tenants of the application's fleet, {@code null} when it has none
	 */
	public record MigratorsDescriptor(Map<String, ContextMigratorsDescriptor> contexts,
			@Nullable TenantsDescriptor tenants) implements OperationResponseBody {

	}

	/**
	 * The migrators of one application context.
	 *
	 * @param migrators every {@link Migrator} bean of the context, by bean name
	 * @param parentId the id of the parent context, {@code null} for the root
	 */
	public record ContextMigratorsDescriptor(Map<String, MigrationsDescriptor> migrators, @Nullable String parentId) {

		static ContextMigratorsDescriptor of(ApplicationContext context) {
			Map<String, Migrator> own = context.getBeansOfType(Migrator.class);
			Migrator primary = context.getBeanProvider(Migrator.class).getIfUnique();
			SeedRunner seedRunner = context.getBeanProvider(SeedRunner.class).getIfUnique();
			Map<String, MigrationsDescriptor> migrators = new LinkedHashMap<>();
			own.forEach((name, migrator) -> {
				SeedReport seeders = (migrator == primary && seedRunner != null && !seedRunner.seederIds().isEmpty())
						? seedRunner.status() : null;
				migrators.put(name, MigrationsDescriptor.of(migrator.status(), seeders));
			});
			return new ContextMigratorsDescriptor(migrators,
					(context.getParent() != null) ? context.getParent().getId() : null);
		}

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
			@Nullable SeedReport seeders) {

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
	 * @param checksum the recorded checksum of its class ({@code null} for a row written before checksums were
	 * recorded, until the next migrate fills it)
	 * @param script the SQL it ran, as recorded
	 * @param error the error text when it failed
	 * @param lockWaits how its run in this process waited for locks, {@code null} when no attempt timed out
	 */
	public record MigrationDetailDescriptor(String id, String description, MigrationState state,
			@Nullable Integer batch, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime appliedAt,
			@Nullable Long executionTimeMs, @Nullable String appliedBy, @Nullable String application,
			@Nullable Boolean transactional, @Nullable Boolean reversible, @Nullable String checksum,
			@Nullable String script, @Nullable String error,
			MigrationsLockWaits.@Nullable LockWaitsDescriptor lockWaits) implements OperationResponseBody {

		static MigrationDetailDescriptor of(MigrationStatus status,
				MigrationsLockWaits.@Nullable LockWaitsDescriptor lockWaits) {
			return new MigrationDetailDescriptor(status.id(), status.description(), status.state(), status.batch(),
					status.startedAt(), status.appliedAt(), status.executionTimeMs(), status.appliedBy(),
					status.application(), status.transactional(), status.reversible(), status.checksum(),
					status.script(), status.error(), lockWaits);
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
