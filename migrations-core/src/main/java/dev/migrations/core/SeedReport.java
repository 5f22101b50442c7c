package dev.migrations.core;

import java.util.List;

/**
 * Every seeder known to the code or the seed history, in id order.
 *
 * @param schema the schema of the seed history table
 * @param table the seed history table
 * @param storage where runs are recorded
 * @param seeders every seeder, in id order
 */
public record SeedReport(String schema, String table, SeedStorage storage, List<SeedStatus> seeders) {

	public SeedReport {
		seeders = List.copyOf(seeders);
	}

	/** How many seeders have not run yet (with storage none, all of them). */
	public long pending() {
		return this.seeders.stream().filter((s) -> s.state() == SeedStatus.State.PENDING).count();
	}

}
