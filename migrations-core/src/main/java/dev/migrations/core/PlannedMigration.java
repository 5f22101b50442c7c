package dev.migrations.core;

import java.util.List;

import dev.migrations.safety.Finding;
import dev.migrations.safety.SafetyReview;
import dev.migrations.safety.UnanalysedStatement;
import org.jspecify.annotations.Nullable;

/**
 * A pending migration with the statements it would run, as {@link Migrator#plan()} recorded them.
 *
 * @param id the migration's id
 * @param description its description
 * @param transactional whether it runs in one transaction
 * @param statements the statements, in order
 * @param stoppedBy why the plan of this migration ends early (its code failed against the current database, for
 * instance because it reads a table an earlier statement would create, or writes through {@code jdbc()}); {@code null}
 * when its plan is complete
 * @param safety what the safety checks found in the statements, {@code null} when they are off
 */
public record PlannedMigration(String id, String description, boolean transactional, List<PlannedStatement> statements,
		@Nullable String stoppedBy, @Nullable SafetyReview safety) {

	public PlannedMigration {
		statements = List.copyOf(statements);
	}

	/** This plan with the safety checks' review of it. */
	PlannedMigration withSafety(@Nullable SafetyReview review) {
		return new PlannedMigration(this.id, this.description, this.transactional, this.statements, this.stoppedBy,
				review);
	}

	/** Whether the migration read the database while it was planned, so that some statements depend on data. */
	public boolean dependsOnData() {
		return this.statements.stream().anyMatch(PlannedStatement::dependsOnData) || this.stoppedBy != null;
	}

	/** The migration as an SQL script with a header comment. */
	public String describe() {
		StringBuilder text = new StringBuilder("-- ").append(this.id)
			.append(this.transactional ? " (in one transaction)" : " (non-transactional)").append('\n');
		for (PlannedStatement statement : this.statements) {
			text.append(statement.describe()).append('\n');
		}
		if (this.stoppedBy != null) {
			text.append("-- the plan stops here: the rest depends on what the statements above would do: ")
				.append(this.stoppedBy.replace('\n', ' ')).append('\n');
		}
		if (this.safety != null) {
			for (Finding finding : this.safety.unacknowledged()) {
				finding.describe().lines().forEach((line) -> text.append("-- UNSAFE ").append(line).append('\n'));
			}
			for (Finding finding : this.safety.acknowledged()) {
				text.append("-- acknowledged [").append(finding.checkId()).append("] statement ")
					.append(finding.statementIndex() + 1).append('\n');
			}
			for (UnanalysedStatement unanalysed : this.safety.unanalysed()) {
				text.append("-- NOT ANALYSED ").append(unanalysed.describe()).append('\n');
			}
			if (this.stoppedBy != null) {
				text.append("-- the statements after the stop are checked as they run: any the checks refuse stops "
						+ "the migration before it runs\n");
			}
		}
		return text.toString();
	}

}
