package dev.migrations.core;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The seed commands ({@code seed}, {@code seed-undo}, {@code seed-undo-all}, seed status) over the same session and
 * step runner as the migrations, recording in the seed history.
 */
final class SeederCommands {

	private static final Log logger = LogFactory.getLog(SeederCommands.class);

	private static final int PENDING_NAMED = 5;

	private final SeedSettings settings;

	SeederCommands(SeedSettings settings) {
		this.settings = settings;
	}

	/** Runs the seeders that have not run (and those that run always), or only the one given. */
	CommandResult seed(CommandRun run, SeederCatalog.@Nullable ResolvedSeeder only) throws SQLException {
		History history = this.settings.history(run.session());
		List<SeederCatalog.ResolvedSeeder> seeders = this.settings.catalog().all();
		if (only == null && history.stores() && seeders.stream().noneMatch(SeederCatalog.ResolvedSeeder::runAlways)) {
			// Fast path, no lock: a restart with nothing to seed costs one read.
			Map<String, HistoryRow> unlocked = rows(run.session(), history, false);
			if (seeders.stream().allMatch((s) -> unlocked.containsKey(s.id()))) {
				return run.result(List.of(), null);
			}
		}
		run.lock(history);
		requireNoPendingMigrations(run.session());
		Map<String, HistoryRow> rows = rows(run.session(), history, false);
		int batch = rows.values().stream().mapToInt(HistoryRow::batch).max().orElse(0) + 1;
		StepRunner runner = run.runner(history);
		List<String> ran = new ArrayList<>();
		for (SeederCatalog.ResolvedSeeder seeder : seeders) {
			if ((only != null) ? seeder == only
					: (!history.stores() || seeder.runAlways() || !rows.containsKey(seeder.id()))) {
				runner.run(new SeederStepRun(seeder, Direction.UP, rows.containsKey(seeder.id())), batch);
				ran.add(seeder.id());
			}
		}
		if (!ran.isEmpty()) {
			logger.info("Ran " + ran.size() + " seeder(s)"
					+ (history.stores() ? " as batch " + batch + ", recorded in " + history.qualifiedTable() : ""));
		}
		return run.result(ran, (ran.isEmpty() || !history.stores()) ? null : batch);
	}

	/**
	 * Undoes the seeders the selection picks from the ids that ran (every seeder's id, newest first, with storage
	 * none), checked before anything is undone.
	 */
	CommandResult undo(CommandRun run, Function<List<String>, List<String>> selection) throws SQLException {
		History history = this.settings.history(run.session());
		run.lock(history);
		List<String> ran = history.stores()
				? rows(run.session(), history, false).keySet().stream().sorted(Comparator.reverseOrder()).toList()
				: this.settings.catalog().ids().stream().sorted(Comparator.reverseOrder()).toList();
		List<SeederCatalog.ResolvedSeeder> targets = new ArrayList<>();
		for (String id : selection.apply(ran)) {
			SeederCatalog.ResolvedSeeder seeder = this.settings.catalog().find(id);
			if (seeder == null) {
				throw new MigrationException("Cannot undo seeder " + id + ": it ran but is no longer in the code, so "
						+ "its undo method is unknown; nothing was undone. Delete its row from "
						+ history.qualifiedTable() + " if you removed its data by hand.");
			}
			if (!seeder.reversible()) {
				throw new MigrationException("Seeder " + seeder.describe() + " cannot be undone: it has no undo "
						+ "method; nothing was undone.");
			}
			targets.add(seeder);
		}
		StepRunner runner = run.runner(history);
		for (SeederCatalog.ResolvedSeeder seeder : targets) {
			runner.run(new SeederStepRun(seeder, Direction.DOWN, true), 0);
		}
		return run.result(targets.stream().map(SeederCatalog.ResolvedSeeder::id).toList(), null);
	}

	/** Picks the one seeder with the id, which must have run when runs are recorded. */
	Function<List<String>, List<String>> one(String id, boolean stored) {
		return (ran) -> {
			if (stored && !ran.contains(id)) {
				throw new MigrationException("Seeder " + id + " has not run on this database, so there is nothing to undo");
			}
			return List.of(id);
		};
	}

	SeedReport status() {
		return Session.open(this.settings.config(), (session) -> {
			History history = this.settings.history(session);
			Map<String, HistoryRow> rows = rows(session, history, true);
			Map<String, SeedStatus> statuses = new LinkedHashMap<>();
			for (SeederCatalog.ResolvedSeeder seeder : this.settings.catalog().all()) {
				HistoryRow row = rows.get(seeder.id());
				statuses.put(seeder.id(), new SeedStatus(seeder.id(), seeder.description(),
						(row != null) ? SeedStatus.State.RAN : SeedStatus.State.PENDING, seeder.runAlways(),
						(row != null) ? row.batch() : null, (row != null) ? row.finishedAt() : null,
						(row != null) ? row.appliedBy() : null));
			}
			for (HistoryRow row : rows.values()) {
				statuses.putIfAbsent(row.id(), new SeedStatus(row.id(), row.description(), SeedStatus.State.MISSING,
						false, row.batch(), row.finishedAt(), row.appliedBy()));
			}
			List<SeedStatus> sorted = new ArrayList<>(statuses.values());
			sorted.sort(Comparator.comparing(SeedStatus::id));
			return new SeedReport(history.schema(), this.settings.table(), this.settings.storage(), sorted);
		});
	}

	private static Map<String, HistoryRow> rows(Session session, History history, boolean full) throws SQLException {
		Map<String, HistoryRow> rows = new LinkedHashMap<>();
		(full ? history.readAll(session.connection()) : history.readStates(session.connection()))
			.forEach((row) -> rows.put(row.id(), row));
		return rows;
	}

	/**
	 * Seeders expect the schema the migrations build: with migrations pending, seeding would fail on a missing table
	 * or column, so it is refused with the migrations named (when the runner knows them).
	 */
	private void requireNoPendingMigrations(Session session) throws SQLException {
		MigrationSettings migrations = this.settings.migrations();
		if (migrations == null) {
			return;
		}
		HistoryStore history = migrations.history(session);
		List<ResolvedMigration> pending = migrations.read(session, history).pending();
		if (pending.isEmpty()) {
			return;
		}
		String named = pending.stream().limit(PENDING_NAMED).map(ResolvedMigration::id).collect(Collectors.joining(", "));
		throw new MigrationException("Cannot seed: " + pending.size() + " migration(s) are pending in "
				+ history.qualifiedTable() + ": " + named
				+ ((pending.size() > PENDING_NAMED) ? " and " + (pending.size() - PENDING_NAMED) + " more" : "")
				+ ". Seeders expect the schema the migrations build; run --migrations.command=migrate first, or set "
				+ "migrations.on-startup=migrate.");
	}

}
