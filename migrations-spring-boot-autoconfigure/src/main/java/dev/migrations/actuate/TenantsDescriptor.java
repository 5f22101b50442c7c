package dev.migrations.actuate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.core.Command;
import dev.migrations.core.Fleet;
import dev.migrations.core.FleetReport;
import dev.migrations.core.MigrationState;
import dev.migrations.core.StatusReport;
import dev.migrations.core.TenantOutcome;
import org.jspecify.annotations.Nullable;

/**
 * The tenants of the application's {@link Fleet} in {@code GET /actuator/migrations}: how many are in each state, and
 * one page of those that are behind or failed (so that 10,000 tenants do not make one huge response). Each request
 * reads every tenant's history (at most {@code migrations.tenants.parallelism} at once); a tenant counts as failed
 * when its history says so or when the last command that changed it in this process failed.
 *
 * @param total how many tenants the fleet has
 * @param counts how many tenants are in each state ({@code UP_TO_DATE}, {@code PENDING}, {@code FAILED})
 * @param page the page, from 0
 * @param size the page size
 * @param notUpToDate the page of tenants that are behind or failed, by name
 */
public record TenantsDescriptor(int total, Map<String, Integer> counts, int page, int size,
		List<TenantDescriptor> notUpToDate) {

	/** The page size without {@code size}. */
	static final int DEFAULT_SIZE = 100;

	/** The largest page. */
	static final int MAX_SIZE = 1000;

	static TenantsDescriptor of(Fleet fleet, @Nullable Integer page, @Nullable Integer size) {
		int pageNumber = (page != null) ? Math.max(0, page) : 0;
		int pageSize = (size != null) ? Math.max(1, Math.min(MAX_SIZE, size)) : DEFAULT_SIZE;
		FleetReport report = fleet.run(Command.STATUS, List.of(), (migrator, seeds) -> migrator.status());
		Map<String, TenantOutcome> last = fleet.lastOutcomes();
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String state : List.of("UP_TO_DATE", "PENDING", "FAILED")) {
			counts.put(state, 0);
		}
		List<TenantDescriptor> behind = new ArrayList<>();
		for (TenantOutcome outcome : report.tenants()) {
			TenantDescriptor tenant = TenantDescriptor.of(outcome, last.get(outcome.tenant()));
			counts.merge(tenant.state(), 1, Integer::sum);
			if (!tenant.state().equals("UP_TO_DATE")) {
				behind.add(tenant);
			}
		}
		behind.sort(Comparator.comparing(TenantDescriptor::name));
		int from = (int) Math.min((long) pageNumber * pageSize, behind.size());
		int to = Math.min(from + pageSize, behind.size());
		return new TenantsDescriptor(report.tenants().size(), counts, pageNumber, pageSize,
				List.copyOf(behind.subList(from, to)));
	}

	/**
	 * One tenant as listed.
	 *
	 * @param name the tenant's name
	 * @param state {@code UP_TO_DATE}, {@code PENDING} or {@code FAILED}
	 * @param current the newest applied migration, {@code null} when none is or the history could not be read
	 * @param pending how many migrations are pending
	 * @param error why it failed: its history's failed migration, the last command in this process, or the read
	 */
	public record TenantDescriptor(String name, String state, @Nullable String current, int pending,
			@Nullable String error) {

		static TenantDescriptor of(TenantOutcome read, @Nullable TenantOutcome last) {
			String lastError = (last != null && last.state() == TenantOutcome.State.FAILED) ? last.error() : null;
			if (!(read.result() instanceof StatusReport status)) {
				return new TenantDescriptor(read.tenant(), "FAILED", null, 0,
						(lastError != null) ? lastError : read.error());
			}
			Map<MigrationState, Integer> counts = status.counts();
			int pending = counts.get(MigrationState.PENDING) + counts.get(MigrationState.OUT_OF_ORDER);
			boolean failed = counts.get(MigrationState.FAILED) + counts.get(MigrationState.RUNNING) > 0;
			String error = (lastError != null) ? lastError : status.migrations()
				.stream()
				.filter((migration) -> migration.error() != null)
				.map((migration) -> migration.id() + ": " + migration.error())
				.findFirst()
				.orElse(null);
			String state = (failed || lastError != null) ? "FAILED" : status.isUpToDate() ? "UP_TO_DATE" : "PENDING";
			return new TenantDescriptor(read.tenant(), state, status.current(), pending, error);
		}

	}

}
