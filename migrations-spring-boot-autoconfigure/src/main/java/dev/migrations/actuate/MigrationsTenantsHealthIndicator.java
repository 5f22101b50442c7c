package dev.migrations.actuate;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.migrations.core.Fleet;
import dev.migrations.core.TenantOutcome;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code migrationsTenants} health indicator: {@code DOWN} while the last command that changed a tenant in this
 * process (the startup migrate, a command) failed on any tenant, with how many and the first of them; {@code UP}
 * otherwise. It reads nothing from the database: a fleet of 10,000 tenants costs no query per check.
 */
public class MigrationsTenantsHealthIndicator extends AbstractHealthIndicator {

	/** How many failed tenants the details name. */
	static final int NAMED = 10;

	private final Fleet fleet;

	public MigrationsTenantsHealthIndicator(Fleet fleet) {
		super("Migrations tenants health check failed");
		this.fleet = fleet;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<TenantOutcome.State, Integer> counts = new EnumMap<>(TenantOutcome.State.class);
		Map<String, String> failed = new LinkedHashMap<>();
		this.fleet.lastOutcomes().values().stream().sorted(java.util.Comparator.comparing(TenantOutcome::tenant)).forEach((outcome) -> {
			counts.merge(outcome.state(), 1, Integer::sum);
			if (outcome.state() == TenantOutcome.State.FAILED && failed.size() < NAMED) {
				failed.put(outcome.tenant(), String.valueOf(outcome.error()));
			}
		});
		int failures = counts.getOrDefault(TenantOutcome.State.FAILED, 0);
		if (failures > 0) {
			builder.down().withDetail("failedTenants", failures).withDetail("failed", failed);
		}
		else {
			builder.up();
		}
		builder.withDetail("counts", counts);
	}

}
