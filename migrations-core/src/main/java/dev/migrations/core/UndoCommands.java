package dev.migrations.core;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The commands that undo migrations, newest first, on one locked session: a number of steps, down to an id, the
 * newest batch, or all; the selection is made under the lock from the history.
 */
final class UndoCommands {

	private final MigrationSettings settings;

	UndoCommands(MigrationSettings settings) {
		this.settings = settings;
	}

	/** Undoes the applied migrations the selection picks from the history read under the lock. */
	CommandResult undo(CommandRun run, Function<Plan, List<HistoryRow>> selection) throws SQLException {
		HistoryStore history = this.settings.history(run.session());
		run.lock(history);
		Plan plan = this.settings.read(run.session(), history);
		plan.validate(this.settings.validation(), history.qualifiedTable());
		List<ResolvedMigration> targets = reversibleTargets(this.settings.catalog(), selection.apply(plan));
		StepRunner runner = run.runner(history);
		for (ResolvedMigration migration : targets) {
			runner.run(MigrationStepRun.down(migration), 0);
		}
		return run.result(targets.stream().map(ResolvedMigration::id).toList(), null);
	}

	static Function<Plan, List<HistoryRow>> steps(int steps) {
		return (plan) -> plan.appliedNewestFirst().stream().limit(steps).toList();
	}

	static Function<Plan, List<HistoryRow>> downTo(String id) {
		return (plan) -> {
			HistoryRow target = plan.row(id);
			if (target == null || !target.isApplied()) {
				throw new MigrationException("migrations.to names " + id + ", which is not an applied migration");
			}
			return plan.appliedNewestFirst().stream().filter((row) -> row.id().compareTo(id) >= 0).toList();
		};
	}

	static Function<Plan, List<HistoryRow>> newestBatch() {
		return (plan) -> {
			List<HistoryRow> applied = plan.appliedNewestFirst();
			int batch = applied.stream().mapToInt(HistoryRow::batch).max().orElse(0);
			return applied.stream().filter((row) -> row.batch() == batch).toList();
		};
	}

	/**
	 * The migrations of the rows, checked before anything is undone: each is in the code and has a {@code down}.
	 */
	static List<ResolvedMigration> reversibleTargets(MigrationCatalog catalog, List<HistoryRow> rows) {
		List<ResolvedMigration> targets = new ArrayList<>();
		for (HistoryRow row : rows) {
			ResolvedMigration migration = catalog.find(row.id());
			if (migration == null) {
				throw new MigrationException("Cannot undo " + row.id() + ": it is applied but no longer in the code, so "
						+ "its down method is unknown; nothing was undone. If you reverted it by hand, "
						+ "--migrations.command=mark-rolled-back --migrations.to=" + row.id() + " removes its row.");
			}
			if (!migration.reversible()) {
				throw new IrreversibleMigrationException(migration.id());
			}
			targets.add(migration);
		}
		return targets;
	}

}
