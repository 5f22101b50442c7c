package dev.migrations.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.core.MigrationState;
import dev.migrations.core.MigrationStatus;
import dev.migrations.core.Migrator;
import dev.migrations.core.StatusReport;
import dev.migrations.core.StatusSummary;
import dev.migrations.dialect.LockHolder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code migrations} health indicator: {@code UP} when every migration in the code is applied;
 * {@code OUT_OF_SERVICE} while migrations are pending or out of order (the schema is behind the code, e.g. with
 * {@code migrations.on-startup=validate} or {@code none}); {@code DOWN} when one failed or is left running, and when
 * the history cannot be read. Put it in the readiness group so that a replica whose schema is behind takes no
 * traffic.
 *
 * <p>Each check reads the history table's one-row summary and the lock holder (two short queries on one pooled
 * connection, whatever the number of migrations); only when the schema is not up to date does it read every row, to
 * name what is pending, failed or running.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final Migrator migrator;

	public MigrationsHealthIndicator(Migrator migrator) {
		super("Migrations health check failed");
		this.migrator = migrator;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StatusSummary summary = this.migrator.statusSummary();
		if (summary.upToDate()) {
			// Every migration applied, as one row says: the details a full read would give, without reading every row.
			builder.up();
			details(builder, summary.schema(), summary.table(), summary.current(), summary.counts());
			lock(builder, summary.lockHolder());
			return;
		}
		StatusReport report = this.migrator.status();
		List<String> pending = new ArrayList<>();
		List<String> outOfOrder = new ArrayList<>();
		List<String> running = new ArrayList<>();
		Map<String, Object> failed = new LinkedHashMap<>();
		for (MigrationStatus migration : report.migrations()) {
			switch (migration.state()) {
				case PENDING -> pending.add(migration.id());
				case OUT_OF_ORDER -> outOfOrder.add(migration.id());
				case RUNNING -> running.add(migration.id());
				case FAILED -> failed.put(migration.id(), (migration.error() != null) ? migration.error() : "");
				default -> {
				}
			}
		}
		if (!failed.isEmpty() || !running.isEmpty()) {
			builder.down();
		}
		else if (!pending.isEmpty() || !outOfOrder.isEmpty()) {
			builder.status(Status.OUT_OF_SERVICE);
		}
		else {
			builder.up();
		}
		details(builder, report.schema(), report.table(), report.current(), report.counts());
		detail(builder, "pending", pending);
		detail(builder, "outOfOrder", outOfOrder);
		detail(builder, "running", running);
		if (!failed.isEmpty()) {
			builder.withDetail("failed", failed);
		}
		lock(builder, report.lockHolder());
	}

	/** The history table, the newest applied id and the non-zero counts by state. */
	private static void details(Health.Builder builder, String schema, String table, @Nullable String current,
			Map<MigrationState, Integer> counts) {
		builder.withDetail("table", schema + "." + table);
		if (current != null) {
			builder.withDetail("current", current);
		}
		Map<String, Integer> nonZero = new LinkedHashMap<>();
		counts.forEach((state, count) -> {
			if (count > 0) {
				nonZero.put(state.name(), count);
			}
		});
		builder.withDetail("counts", nonZero);
	}

	private static void lock(Health.Builder builder, @Nullable LockHolder holder) {
		if (holder != null) {
			builder.withDetail("lock", holder.describe());
		}
	}

	private static void detail(Health.Builder builder, String key, List<String> ids) {
		if (!ids.isEmpty()) {
			builder.withDetail(key, ids);
		}
	}

}
