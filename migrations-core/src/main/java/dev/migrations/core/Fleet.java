package dev.migrations.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import dev.migrations.safety.Timeouts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs one command over many tenants (a schema each on the application's database, or a database each), each tenant
 * on the one run path: a {@link Migrator} (and {@link SeedRunner}) like the application's, on the tenant's schema
 * (history table, schema lock and {@code search_path}) or DataSource. <pre>{@code
 * Fleet fleet = Fleet.builder(migrator).tenants(source).parallelism(4).build();
 * FleetReport report = fleet.migrate();
 * }</pre>
 *
 * <ul>
 * <li>At most {@code parallelism} tenants run at once, each on one connection at a time: the fleet never holds more
 * connections than that.</li>
 * <li>A tenant whose lock another instance holds is not waited for: it is put back and tried again later in the same
 * run, while this instance migrates others. Two replicas migrating the same fleet so split the work, and the lock
 * makes sure no tenant is migrated by both. A tenant still locked after the migrator's lock timeout fails.</li>
 * <li>A failure is the failing tenant's alone: the others go on, and the {@link FleetReport} names it and why.</li>
 * <li>A rerun picks up what is pending: each tenant's history says what it has.</li>
 * <li>With a {@linkplain Builder#tenantTimeout time budget}, no statement of a tenant runs longer than it, and no
 * migration of a tenant starts after it ran out.</li>
 * </ul>
 */
public final class Fleet {

	private static final Log logger = LogFactory.getLog(Fleet.class);

	private final Migrator migrator;

	private final @Nullable SeedRunner seedRunner;

	private final TenantSource source;

	private final int parallelism;

	private final @Nullable Duration tenantTimeout;

	/** The last outcome of each tenant in this process, for the endpoint and the health indicator. */
	private final Map<String, TenantOutcome> outcomes = new ConcurrentHashMap<>();

	private Fleet(Builder builder) {
		this.migrator = builder.migrator;
		this.seedRunner = builder.seedRunner;
		this.source = Objects.requireNonNull(builder.source, "No tenants: call Fleet.Builder.tenants(...)");
		this.parallelism = builder.parallelism;
		this.tenantTimeout = builder.tenantTimeout;
	}

	/** A builder of a fleet whose tenants run the migrator's migrations with its settings. */
	public static Builder builder(Migrator migrator) {
		return new Builder(migrator);
	}

	/** How many tenants run at once at most. */
	public int parallelism() {
		return this.parallelism;
	}

	/**
	 * The tenants, checked: every name once.
	 * @throws IllegalStateException naming a tenant listed twice
	 */
	public List<Tenant> tenants() {
		List<Tenant> tenants = this.source.tenants();
		Set<String> names = new HashSet<>();
		for (Tenant tenant : tenants) {
			if (!names.add(tenant.name())) {
				throw new IllegalStateException("Tenant '" + tenant.name() + "' is listed twice by the tenant source");
			}
		}
		return tenants;
	}

	/**
	 * The tenants a selection names: every tenant for an empty (or blank) selection, else those whose name equals an entry or
	 * matches it as a pattern ({@code *} any characters, {@code ?} one).
	 * @throws IllegalArgumentException naming an entry without a wildcard that names no tenant
	 */
	public List<Tenant> select(Collection<String> selection) {
		return TenantSelection.of(selection).apply(tenants());
	}

	/** Applies every pending migration on every tenant. */
	public FleetReport migrate() {
		return run(Command.MIGRATE, List.of(), (migrator, seeds) -> migrator.migrate());
	}

	/**
	 * Runs work on every selected tenant, at most {@link #parallelism()} at once, and waits for all of them.
	 * @param command the command the work stands for, as the report names it
	 * @param selection tenant names or patterns (see {@link #select}); empty for all
	 * @param work what to run with the tenant's migrator and seed runner (the seed runner {@code null} when the fleet
	 * has none); it returns the command's result
	 * @return every tenant's outcome
	 */
	public FleetReport run(Command command, Collection<String> selection, TenantWork<?> work) {
		List<Tenant> tenants = select(selection);
		long start = System.nanoTime();
		Map<String, TenantOutcome> done = new ConcurrentHashMap<>();
		if (!tenants.isEmpty()) {
			boolean record = changes(command);
			TenantQueue.run(tenants, this.parallelism,
					(tenant, firstTry, locked) -> attempt(tenant, firstTry, locked, work), (outcome) -> {
						done.put(outcome.tenant(), outcome);
						if (record) {
							this.outcomes.put(outcome.tenant(), outcome);
						}
					});
		}
		List<TenantOutcome> ordered = new ArrayList<>(done.values());
		ordered.sort(Comparator.comparing(TenantOutcome::tenant));
		FleetReport report = new FleetReport(command, ordered, Duration.ofNanos(System.nanoTime() - start));
		if (report.isSuccessful()) {
			if (changes(command) || logger.isDebugEnabled()) {
				logger.info("Migrations fleet " + report.describe());
			}
		}
		else {
			logger.error("Migrations fleet " + report.describe());
		}
		return report;
	}

	/** Whether the command may change a tenant: only those outcomes are kept as the tenant's last one. */
	private static boolean changes(Command command) {
		return command != Command.STATUS && command != Command.VALIDATE && command != Command.PLAN
				&& command != Command.DIFF;
	}

	/** One try of the tenant; {@code null} when another instance holds its lock and it should be tried later. */
	private @Nullable TenantOutcome attempt(Tenant tenant, long firstTry, int locked, TenantWork<?> work) {
		long start = System.nanoTime();
		try {
			Object result = onTenant(tenant, work);
			return new TenantOutcome(tenant.name(), state(result, locked > 0), result, null,
					Duration.ofNanos(System.nanoTime() - start), locked);
		}
		catch (LockTimeoutException ex) {
			Duration lockTimeout = this.migrator.settings().config().lockTimeout();
			if (System.nanoTime() - firstTry < lockTimeout.toNanos()) {
				return null;
			}
			return failed(tenant, start, locked, "another instance held its migrations lock for longer than "
					+ "migrations.lock.timeout (" + lockTimeout + "): " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.debug("Tenant '" + tenant.name() + "' failed", ex);
			// The command's own message names the migration and what is left of it; the root cause says why.
			return failed(tenant, start, locked, (ex.getMessage() != null) ? ex.getMessage() : Runs.rootMessage(ex));
		}
	}

	private static TenantOutcome failed(Tenant tenant, long start, int locked, String error) {
		return new TenantOutcome(tenant.name(), TenantOutcome.State.FAILED, null, error,
				Duration.ofNanos(System.nanoTime() - start), locked);
	}

	private static TenantOutcome.State state(@Nullable Object result, boolean wasLocked) {
		if (changed(result)) {
			return TenantOutcome.State.CHANGED;
		}
		boolean pending = (result instanceof StatusReport report && !report.isUpToDate())
				|| (result instanceof MigrationPlan plan && !plan.isEmpty());
		return pending ? TenantOutcome.State.PENDING
				: wasLocked ? TenantOutcome.State.BY_OTHER_INSTANCE : TenantOutcome.State.UP_TO_DATE;
	}

	private static boolean changed(@Nullable Object result) {
		if (result instanceof List<?> list) {
			return list.stream().anyMatch(Fleet::changed);
		}
		return result instanceof CommandResult command && !command.migrations().isEmpty();
	}

	/**
	 * Runs work on one tenant in the calling thread, e.g. its status for the endpoint. The tenant's lock is tried
	 * without waiting: a {@link LockTimeoutException} says another instance holds it.
	 * @throws IllegalArgumentException naming an unknown tenant
	 */
	public <T> T onTenant(String name, TenantWork<T> work) {
		for (Tenant tenant : tenants()) {
			if (tenant.name().equals(name)) {
				return onTenant(tenant, work);
			}
		}
		throw new IllegalArgumentException("No tenant named '" + name + "'");
	}

	private <T> T onTenant(Tenant tenant, TenantWork<T> work) {
		DataSource dataSource = (tenant.dataSource() != null) ? tenant.dataSource().get()
				: this.migrator.settings().config().dataSource();
		try {
			UnaryOperator<RunConfig> config = tenantConfig(tenant, dataSource);
			Migrator migrator = this.migrator.withConfig(config);
			SeedRunner seeds = (this.seedRunner != null) ? this.seedRunner.withConfig(config, migrator) : null;
			return work.run(migrator, seeds);
		}
		finally {
			// A tenant's own pool lives as long as its run.
			if (tenant.dataSource() != null && dataSource instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					logger.warn("Could not close the DataSource of tenant '" + tenant.name() + "'", ex);
				}
			}
		}
	}

	/**
	 * The tenant's run config: its DataSource and schema; its lock tried without waiting (the fleet comes back to a
	 * locked tenant); with a time budget, the statement timeout capped at it and no step started after it ran out.
	 */
	private UnaryOperator<RunConfig> tenantConfig(Tenant tenant, DataSource dataSource) {
		Duration budget = this.tenantTimeout;
		MigrationListener deadline = null;
		if (budget != null) {
			long end = System.nanoTime() + budget.toNanos();
			deadline = new MigrationListener() {
				@Override
				public void migrationStarting(MigrationStep step) {
					if (System.nanoTime() - end > 0) {
						throw new MigrationException("Tenant '" + tenant.name() + "' ran out of its time budget of "
								+ budget + " (migrations.tenants.timeout) before " + step.kind().noun() + " "
								+ step.id() + "; it and the ones after it were not started and run with the next "
								+ "migrate");
					}
				}
			};
		}
		MigrationListener listener = deadline;
		return (config) -> config.forTenant(dataSource, tenant.schema(), Duration.ZERO,
				capped(config.timeouts(), budget), listener);
	}

	private static Timeouts capped(Timeouts timeouts, @Nullable Duration budget) {
		if (budget == null || (!timeouts.statementTimeout().isZero()
				&& timeouts.statementTimeout().compareTo(budget) <= 0)) {
			return timeouts;
		}
		return new Timeouts(timeouts.lockTimeout(), budget);
	}

	/**
	 * The last outcome of each tenant of the commands that may change something ({@code migrate}, {@code undo}...)
	 * that this fleet ran in this process, by tenant name; the reads ({@code status}, {@code validate},
	 * {@code plan}) leave them as they were.
	 */
	public Map<String, TenantOutcome> lastOutcomes() {
		return Map.copyOf(this.outcomes);
	}

	/**
	 * What a fleet runs on each tenant.
	 *
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	public interface TenantWork<T> {

		/**
		 * Runs on one tenant.
		 * @param migrator the tenant's migrator
		 * @param seedRunner the tenant's seed runner, {@code null} when the fleet has none
		 * @return the command's result
		 */
		T run(Migrator migrator, @Nullable SeedRunner seedRunner);

	}

	/**
	 * Builds a {@link Fleet}.
	 */
	public static final class Builder {

		private final Migrator migrator;

		private @Nullable SeedRunner seedRunner;

		private @Nullable TenantSource source;

		private int parallelism = 1;

		private @Nullable Duration tenantTimeout;

		private Builder(Migrator migrator) {
			this.migrator = Objects.requireNonNull(migrator, "migrator");
		}

		/** Where the tenants come from; asked at every run. */
		public Builder tenants(TenantSource source) {
			this.source = Objects.requireNonNull(source, "source");
			return this;
		}

		/** A fixed list of tenants. */
		public Builder tenants(List<Tenant> tenants) {
			return tenants(TenantSource.of(tenants));
		}

		/** The seed runner whose seeders the seed commands run on each tenant; none by default. */
		public Builder seedRunner(@Nullable SeedRunner seedRunner) {
			this.seedRunner = seedRunner;
			return this;
		}

		/**
		 * How many tenants run at once, each on one connection; 1 by default. Keep it below the size of the pool the
		 * schema tenants share.
		 */
		public Builder parallelism(int parallelism) {
			if (parallelism < 1) {
				throw new IllegalArgumentException("migrations.tenants.parallelism must be at least 1, was " + parallelism);
			}
			this.parallelism = parallelism;
			return this;
		}

		/**
		 * The time budget of one tenant's command, {@code null} (the default) for none: no statement runs longer (the
		 * statement timeout is capped at it, unless a migration sets its own) and no migration starts after it ran
		 * out; the tenant then fails, the others go on, and the next run goes on where it stopped.
		 */
		public Builder tenantTimeout(@Nullable Duration tenantTimeout) {
			if (tenantTimeout != null && (tenantTimeout.isZero() || tenantTimeout.isNegative())) {
				throw new IllegalArgumentException("migrations.tenants.timeout must be positive, was " + tenantTimeout);
			}
			this.tenantTimeout = tenantTimeout;
			return this;
		}

		/** Builds the fleet; touches no database. */
		public Fleet build() {
			return new Fleet(this);
		}

	}

}
