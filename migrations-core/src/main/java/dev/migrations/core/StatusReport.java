package dev.migrations.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.migrations.dialect.LockHolder;
import org.jspecify.annotations.Nullable;

/**
 * Every migration known to the code or the history, in id order, with the lock holder if the lock is held.
 *
 * @param schema the schema of the history table
 * @param table the history table
 * @param migrations every migration, in id order
 * @param lockHolder the session holding the schema lock, if any
 */
public record StatusReport(String schema, String table, List<MigrationStatus> migrations,
		@Nullable LockHolder lockHolder) {

	public StatusReport {
		migrations = List.copyOf(migrations);
	}

	/** How many migrations are in each state; every state is present. */
	public Map<MigrationState, Integer> counts() {
		Map<MigrationState, Integer> counts = new EnumMap<>(MigrationState.class);
		for (MigrationState state : MigrationState.values()) {
			counts.put(state, 0);
		}
		for (MigrationStatus migration : this.migrations) {
			counts.merge(migration.state(), 1, Integer::sum);
		}
		return counts;
	}

	/** The newest applied migration's id, {@code null} when none is applied. */
	public @Nullable String current() {
		String current = null;
		for (MigrationStatus migration : this.migrations) {
			if (migration.state() == MigrationState.APPLIED || migration.state() == MigrationState.MODIFIED) {
				current = migration.id();
			}
		}
		return current;
	}

	/** Whether everything in the code is applied and nothing failed or is left running. */
	public boolean isUpToDate() {
		return this.migrations.stream()
			.noneMatch((m) -> m.state() == MigrationState.PENDING || m.state() == MigrationState.OUT_OF_ORDER
					|| m.state() == MigrationState.FAILED || m.state() == MigrationState.RUNNING);
	}

}
