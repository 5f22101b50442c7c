package dev.migrations.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The migrations of the code, checked (well-formed and unique ids, no migration registered twice) and in id order.
 * One class may back several migrations when each instance has its own id (a class parameterized by its id).
 */
final class MigrationCatalog {

	private final List<ResolvedMigration> migrations;

	private final Map<String, ResolvedMigration> byId;

	private @Nullable HistorySummary summary;

	private MigrationCatalog(List<ResolvedMigration> migrations) {
		this.migrations = Collections.unmodifiableList(migrations);
		Map<String, ResolvedMigration> byId = new HashMap<>((int) (migrations.size() / 0.75f) + 1);
		for (ResolvedMigration migration : migrations) {
			byId.put(migration.id(), migration);
		}
		this.byId = byId;
	}

	/**
	 * Checks the migrations and orders them by id.
	 * @param migrations each migration keyed by where it came from (a bean name or a class name)
	 * @throws InvalidMigrationException naming the migrations at fault
	 */
	static MigrationCatalog of(List<ResolvedMigration> migrations) {
		// Sorted first (a stable sort: of two with one id, the first given stays first): migrations that share an id
		// or a timestamp are then neighbours, and one pass finds them without a map of every id and every timestamp,
		// which a restart would build before the JIT has compiled anything.
		List<ResolvedMigration> resolved = new ArrayList<>(migrations);
		resolved.sort(Comparator.comparing(ResolvedMigration::id));
		for (int i = 1; i < resolved.size(); i++) {
			ResolvedMigration previous = resolved.get(i - 1);
			ResolvedMigration migration = resolved.get(i);
			if (previous.id().equals(migration.id())) {
				Class<?> type = MigrationIds.userClass(migration.migration().getClass());
				if (type == MigrationIds.userClass(previous.migration().getClass())) {
					throw new InvalidMigrationException("Migration class " + type.getName() + " is registered twice, as '"
							+ previous.source() + "' and '" + migration.source() + "' (both with id " + migration.id()
							+ "); keep one of them");
				}
				throw new InvalidMigrationException("Duplicate migration id " + migration.id() + ": '"
						+ previous.source() + "' and '" + migration.source()
						+ "' both declare it; give one of them a new timestamp");
			}
			if (MigrationIds.sameVersion(previous.id(), migration.id())) {
				throw new InvalidMigrationException("Migrations " + previous.describe() + " and "
						+ migration.describe() + " share the timestamp " + MigrationIds.version(migration.id())
						+ ", so their order is ambiguous; give one of them a new timestamp");
			}
		}
		return new MigrationCatalog(resolved);
	}

	/** Checks the migrations keyed by where they came from (tests and simple callers). */
	static MigrationCatalog of(Map<String, ? extends Migration> migrations) {
		List<ResolvedMigration> resolved = new ArrayList<>();
		migrations.forEach((source, migration) -> resolved.add(ResolvedMigration.of(source, migration)));
		return of(resolved);
	}

	List<ResolvedMigration> all() {
		return this.migrations;
	}

	/**
	 * Starts computing the {@link #summary()} on another thread, for a run that opens its connection first: the
	 * digests of a thousand ids and checksums, computed before the JIT has compiled the digest, then cost the restart
	 * nothing. A failure there is left for the run's own call, which computes it again and reports it.
	 */
	void summarizeInBackground() {
		synchronized (this) {
			if (this.summary != null || this.migrations.isEmpty()) {
				return;
			}
		}
		CompletableFuture.runAsync(this::summary);
	}

	/** The summary a history holding exactly these migrations, all applied, has; computed once. */
	synchronized HistorySummary summary() {
		if (this.summary == null) {
			this.summary = HistorySummary.of(this.migrations);
		}
		return this.summary;
	}

	@Nullable ResolvedMigration find(String id) {
		return this.byId.get(id);
	}

	/**
	 * The migration with the id, for a command's {@code to}.
	 * @throws MigrationException when no migration has it
	 */
	ResolvedMigration require(String id, String what) {
		ResolvedMigration migration = this.byId.get(id);
		if (migration == null) {
			throw new MigrationException(what + " names " + id + ", which is not a migration in the code; known ids run from "
					+ (this.migrations.isEmpty() ? "(none)"
							: this.migrations.get(0).id() + " to " + this.migrations.get(this.migrations.size() - 1).id()));
		}
		return migration;
	}

}
