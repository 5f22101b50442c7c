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
			// The details a full read gives when every migration is applied, without reading every row.
			builder.up().withDetail("table", summary.schema() + "." + summary.table());
			if (summary.current() != null) {
				builder.withDetail("current", summary.current());
			}
			builder.withDetail("counts", (summary.applied() > 0)
					? Map.of(MigrationState.APPLIED.name(), Math.toIntExact(summary.applied())) : Map.of());
			if (summary.lockHolder() != null) {
				builder.withDetail("lock", summary.lockHolder().describe());
			}
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
		Map<String, Integer> counts = new LinkedHashMap<>();
		report.counts().forEach((state, count) -> {
			if (count > 0) {
				counts.put(state.name(), count);
			}
		});
		builder.withDetail("table", report.schema() + "." + report.table());
		if (report.current() != null) {
			builder.withDetail("current", report.current());
		}
		builder.withDetail("counts", counts);
		detail(builder, "pending", pending);
		detail(builder, "outOfOrder", outOfOrder);
		detail(builder, "running", running);
		if (!failed.isEmpty()) {
			builder.withDetail("failed", failed);
		}
		if (report.lockHolder() != null) {
			builder.withDetail("lock", report.lockHolder().describe());
		}
	}

	private static void detail(Health.Builder builder, String key, List<String> ids) {
		if (!ids.isEmpty()) {
			builder.withDetail(key, ids);
		}
	}

}
