package dev.migrations.core;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The commands that repair the history without running migrations, on one locked session: {@code mark-applied} and
 * {@code mark-rolled-back}.
 */
final class MarkCommands {

	private final MigrationSettings settings;

	MarkCommands(MigrationSettings settings) {
		this.settings = settings;
	}

	/** Records the failed migrations as applied, and with {@code to} every pending one up to it. */
	CommandResult markApplied(CommandRun run, @Nullable String to) throws SQLException {
		HistoryStore history = this.settings.history(run.session());
		run.lock(history);
		Plan plan = this.settings.read(run.session(), history);
		int batch = plan.lastBatch() + 1;
		OffsetDateTime now = Runs.now();
		List<String> marked = new ArrayList<>();
		for (HistoryRow row : plan.failed()) {
			if (to == null || row.id().compareTo(to) <= 0) {
				history.markApplied(run.session().connection(), row.id(), batch, now);
				marked.add(row.id());
			}
		}
		if (to != null) {
			for (ResolvedMigration migration : plan.pending()) {
				if (migration.id().compareTo(to) <= 0) {
					history.insert(run.session().connection(), HistoryRow.marked(migration.id(),
							migration.description(), batch, migration.transactional(), now,
							this.settings.config().origin()));
					marked.add(migration.id());
				}
			}
		}
		marked.sort(null);
		return run.result(marked, marked.isEmpty() ? null : batch);
	}

	/** Removes the failed rows, or with {@code to} that row and every row after it, without running down. */
	CommandResult markRolledBack(CommandRun run, @Nullable String to) throws SQLException {
		HistoryStore history = this.settings.history(run.session());
		run.lock(history);
		Plan plan = this.settings.read(run.session(), history);
		List<String> removed = new ArrayList<>();
		if (to == null) {
			plan.failed().forEach((row) -> removed.add(row.id()));
		}
		else {
			if (plan.row(to) == null) {
				throw new MigrationException("migrations.to names " + to + ", which has no row in "
						+ history.qualifiedTable());
			}
			plan.rows().stream().filter((row) -> row.id().compareTo(to) >= 0).forEach((row) -> removed.add(row.id()));
		}
		for (String id : removed) {
			history.delete(run.session().connection(), id);
		}
		return run.result(removed, null);
	}

}
