package dev.migrations.core;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a command did across a {@link Fleet}: one {@link TenantOutcome} per selected tenant, in name order.
 *
 * @param command the command
 * @param tenants the outcome of each tenant
 * @param duration the wall time of the whole run
 */
public record FleetReport(Command command, List<TenantOutcome> tenants, Duration duration) {

	public FleetReport {
		tenants = List.copyOf(tenants);
	}

	/** How many tenants ended in each state (every state present, zero included). */
	public Map<TenantOutcome.State, Integer> counts() {
		Map<TenantOutcome.State, Integer> counts = new EnumMap<>(TenantOutcome.State.class);
		for (TenantOutcome.State state : TenantOutcome.State.values()) {
			counts.put(state, 0);
		}
		this.tenants.forEach((tenant) -> counts.merge(tenant.state(), 1, Integer::sum));
		return counts;
	}

	/** The tenants whose command failed. */
	public List<TenantOutcome> failed() {
		return this.tenants.stream().filter((tenant) -> tenant.state() == TenantOutcome.State.FAILED).toList();
	}

	/** Whether no tenant failed. */
	public boolean isSuccessful() {
		return failed().isEmpty();
	}

	/** One line of counts, then one line per failed tenant with why. */
	public String describe() {
		StringBuilder text = new StringBuilder(this.command.cliName() + " on " + this.tenants.size() + " tenant(s) in "
				+ this.duration.toMillis() + " ms: ");
		text.append(counts().entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.map((entry) -> entry.getValue() + " " + entry.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
			.collect(Collectors.joining(", ")));
		for (TenantOutcome tenant : failed()) {
			text.append("\n  FAILED ").append(tenant.tenant()).append(": ").append(tenant.error());
		}
		return text.toString();
	}

}
