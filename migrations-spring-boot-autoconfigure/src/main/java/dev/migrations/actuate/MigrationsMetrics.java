package dev.migrations.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.LockWaitTimeout;
import dev.migrations.core.MigrationListener;
import dev.migrations.core.MigrationState;
import dev.migrations.core.MigrationStep;
import dev.migrations.core.Migrator;
import dev.migrations.core.StatusSummary;
import dev.migrations.safety.BackfillProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for migrations:
 * <ul>
 * <li>{@code migrations.execution}: a timer per migration run, tagged {@code migration} (the id), {@code direction}
 * ({@code up}/{@code down}) and {@code outcome} ({@code success}/{@code failure});</li>
 * <li>{@code migrations.seeders.execution}: the same for seeders, tagged {@code seeder} (the id);</li>
 * <li>{@code migrations.lock.wait}: a timer of the time each command waited for the schema lock;</li>
 * <li>{@code migrations.lock.timeout.retries}: a counter of the retries after a lock timeout, and
 * {@code migrations.lock.timeout.waits}: a timer of how long each timed-out attempt waited, tagged {@code migration},
 * {@code direction} and {@code outcome} ({@code retried}/{@code gave-up});</li>
 * <li>{@code migrations.pending}, {@code migrations.applied}, {@code migrations.failed}: gauges of how many
 * migrations are pending (out-of-order ones included), applied, and failed or left running, tagged {@code migrator}
 * (the bean name of the {@link Migrator}, one set of gauges per migrator).</li>
 * </ul>
 * Startup migrations run while the context refreshes, before Spring Boot binds meter binders to the registry, so what
 * happens before {@link #bindTo(MeterRegistry)} is buffered and published when the registry binds. The gauges read a
 * cached status, refreshed after each command and at most once per {@link #STATUS_TTL} while they are scraped.
 */
public class MigrationsMetrics implements MigrationListener, MeterBinder {

	/** How long the gauges reuse a status read from the database. */
	static final Duration STATUS_TTL = Duration.ofSeconds(10);

	/** The most recordings kept for registries that are not bound yet. */
	private static final int BUFFER_LIMIT = 10_000;

	private static final Log logger = LogFactory.getLog(MigrationsMetrics.class);

	private final Supplier<Map<String, Migrator>> migrators;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final List<Consumer<MeterRegistry>> buffer = new ArrayList<>();

	private final Map<String, CachedStatus> statuses = new ConcurrentHashMap<>();

	private final java.util.Set<String> backfillTables = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * Creates the meters' listener and binder.
	 * @param migrators supplies the migrators the gauges read, by bean name; looked up lazily, as the migrators
	 * themselves are created with this listener
	 */
	public MigrationsMetrics(Supplier<Map<String, Migrator>> migrators) {
		this.migrators = migrators;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.migrators.get().forEach((name, migrator) -> {
			CachedStatus status = this.statuses.computeIfAbsent(name, (key) -> new CachedStatus(migrator));
			Gauge.builder("migrations.pending", status, (m) -> m.count(MigrationState.PENDING, MigrationState.OUT_OF_ORDER))
				.description("Migrations in the code that are not applied yet, out-of-order ones included")
				.tag("migrator", name)
				.strongReference(true)
				.register(registry);
			Gauge.builder("migrations.applied", status, (m) -> m.count(MigrationState.APPLIED, MigrationState.MODIFIED))
				.description("Applied migrations, modified ones included")
				.tag("migrator", name)
				.strongReference(true)
				.register(registry);
			Gauge.builder("migrations.failed", status, (m) -> m.count(MigrationState.FAILED, MigrationState.RUNNING))
				.description("Non-transactional migrations that failed midway or are left running")
				.tag("migrator", name)
				.strongReference(true)
				.register(registry);
		});
		// Backfills of this process: rows updated so far and whether one is running, per table.
		synchronized (this.buffer) {
			BackfillProgress.byTable().keySet().forEach((table) -> bindBackfill(registry, table));
			this.buffer.forEach((recording) -> recording.accept(registry));
			this.registries.add(registry);
		}
	}

	/** Binds the backfill gauges of tables whose first backfill ran after the registry was bound. */
	private void bindNewBackfills() {
		synchronized (this.buffer) {
			for (String table : BackfillProgress.byTable().keySet()) {
				if (!this.backfillTables.contains(table)) {
					this.registries.forEach((registry) -> bindBackfill(registry, table));
				}
			}
		}
	}

	private void bindBackfill(MeterRegistry registry, String table) {
		this.backfillTables.add(table);
		Gauge.builder("migrations.backfill.rows", () -> {
			BackfillProgress progress = BackfillProgress.byTable().get(table);
			return (progress != null) ? progress.rows() : 0;
		}).description("Rows updated so far by the batched backfill of the table").tag("table", table).register(registry);
		Gauge.builder("migrations.backfill.running", () -> {
			BackfillProgress progress = BackfillProgress.byTable().get(table);
			return (progress != null && progress.running()) ? 1 : 0;
		}).description("1 while a batched backfill of the table runs").tag("table", table).register(registry);
	}

	@Override
	public void lockTimeoutRetry(MigrationStep step, int attempt, Duration backoff) {
		String direction = step.direction().name().toLowerCase(Locale.ROOT);
		record((registry) -> Counter.builder("migrations.lock.timeout.retries")
			.description("Migrations (or statements of non-transactional ones) retried after a lock timeout")
			.tag("migration", step.id())
			.tag("direction", direction)
			.register(registry)
			.increment());
	}

	@Override
	public void lockWaitTimedOut(MigrationStep step, LockWaitTimeout timeout) {
		String direction = step.direction().name().toLowerCase(Locale.ROOT);
		record((registry) -> Timer.builder("migrations.lock.timeout.waits")
			.description("Time each attempt of a migration (or of a statement of a non-transactional one) waited for "
					+ "a lock before it timed out")
			.tag("migration", step.id())
			.tag("direction", direction)
			.tag("outcome", timeout.givesUp() ? "gave-up" : "retried")
			.register(registry)
			.record(timeout.waited()));
	}

	@Override
	public void commandFinished(Command command, CommandResult result, @Nullable Throwable failure) {
		// The listener does not know which migrator ran the command: every cached status is read again.
		this.statuses.values().forEach(CachedStatus::clear);
		bindNewBackfills();
	}

	@Override
	public void lockAcquired(Duration waited) {
		record((registry) -> Timer.builder("migrations.lock.wait")
			.description("Time commands waited for the schema lock")
			.register(registry)
			.record(waited));
	}

	@Override
	public void migrationFinished(MigrationStep step, Duration duration, @Nullable Throwable failure) {
		String direction = step.direction().name().toLowerCase(Locale.ROOT);
		String outcome = (failure != null) ? "failure" : "success";
		if (step.kind() == MigrationStep.Kind.SEEDER) {
			record((registry) -> Timer.builder("migrations.seeders.execution")
				.description("Time seeders ran, per seeder, direction and outcome")
				.tag("seeder", step.id())
				.tag("direction", direction)
				.tag("outcome", outcome)
				.register(registry)
				.record(duration));
			return;
		}
		record((registry) -> Timer.builder("migrations.execution")
			.description("Time migrations ran, per migration, direction and outcome")
			.tag("migration", step.id())
			.tag("direction", direction)
			.tag("outcome", outcome)
			.register(registry)
			.record(duration));
	}

	private void record(Consumer<MeterRegistry> recording) {
		synchronized (this.buffer) {
			if (this.buffer.size() < BUFFER_LIMIT && this.registries.isEmpty()) {
				this.buffer.add(recording);
			}
			this.registries.forEach(recording);
		}
	}

	/**
	 * One migrator's counts by state, read at most once per {@link #STATUS_TTL} while the gauges are scraped: from the
	 * history's one-row summary when the schema is up to date, from every row only when it is not.
	 */
	private static final class CachedStatus {

		private final Migrator migrator;

		private final Object monitor = new Object();

		private volatile @Nullable Map<MigrationState, Integer> counts;

		private volatile long readAt;

		CachedStatus(Migrator migrator) {
			this.migrator = migrator;
		}

		void clear() {
			this.counts = null;
		}

		double count(MigrationState... states) {
			Map<MigrationState, Integer> counts = counts();
			if (counts == null) {
				return Double.NaN;
			}
			int count = 0;
			for (MigrationState state : states) {
				count += counts.get(state);
			}
			return count;
		}

		private @Nullable Map<MigrationState, Integer> counts() {
			Map<MigrationState, Integer> counts = this.counts;
			if (counts != null && System.nanoTime() - this.readAt < STATUS_TTL.toNanos()) {
				return counts;
			}
			synchronized (this.monitor) {
				counts = this.counts;
				if (counts != null && System.nanoTime() - this.readAt < STATUS_TTL.toNanos()) {
					return counts;
				}
				try {
					counts = read();
				}
				catch (RuntimeException ex) {
					logger.debug("Migration gauges could not read the status", ex);
					return null;
				}
				this.readAt = System.nanoTime();
				this.counts = counts;
				return counts;
			}
		}

		private Map<MigrationState, Integer> read() {
			StatusSummary summary = this.migrator.statusSummary();
			return summary.upToDate() ? summary.counts() : this.migrator.status().counts();
		}

	}

}
