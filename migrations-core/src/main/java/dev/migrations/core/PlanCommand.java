package dev.migrations.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The dry run ({@code plan}): every pending migration with the exact SQL it would run, and what the safety checks
 * find in it; no lock, no change.
 */
final class PlanCommand {

	private final MigrationSettings settings;

	PlanCommand(MigrationSettings settings) {
		this.settings = settings;
	}

	MigrationPlan plan(@Nullable String to, @Nullable Integer steps) {
		return Session.open(this.settings.config(), (session) -> {
			HistoryStore history = this.settings.history(session);
			Plan plan = this.settings.read(session, history);
			plan.validate(this.settings.validation(), history.qualifiedTable());
			SafetyReviews reviews = new SafetyReviews(session, this.settings.safetyMode());
			List<PlannedMigration> planned = new ArrayList<>();
			for (ResolvedMigration migration : MigrateCommands.select(plan.pending(), to, steps)) {
				PlannedMigration migrationPlan = DryRun.of(session, migration);
				planned.add(migrationPlan.withSafety(reviews.review(migration, migrationPlan)));
			}
			return new MigrationPlan(history.schema(), history.table(), planned);
		});
	}

}
