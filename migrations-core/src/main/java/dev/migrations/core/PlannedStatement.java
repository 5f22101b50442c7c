package dev.migrations.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One statement that a pending migration would run, as {@link Migrator#plan()} recorded it.
 *
 * @param sql the SQL text, with {@code ?} placeholders
 * @param parameters the values that would be bound, in order
 * @param transactional {@code false} for statements that PostgreSQL refuses inside a transaction block
 * @param dependsOnData {@code true} when the migration read the database before this statement (a query,
 * {@code describeTable}, {@code jdbc()}, the rows an {@code INSERT ... RETURNING} would return): the plan read today's
 * database, so this statement may differ when the migration really runs after the statements before it
 * @param note what else to know, e.g. {@code batch of 500 row(s)}; {@code null} when nothing
 */
public record PlannedStatement(String sql, List<@Nullable Object> parameters, boolean transactional,
		boolean dependsOnData, @Nullable String note) {

	public PlannedStatement {
		parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
	}

	/** The statement as SQL text with its notes as comments, ending with a semicolon. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		if (this.dependsOnData) {
			text.append("-- depends on data read during the migration (planned from the current database)\n");
		}
		if (!this.transactional) {
			text.append("-- runs outside a transaction block\n");
		}
		text.append(this.sql).append(';');
		if (!this.parameters.isEmpty()) {
			text.append(" -- parameters ").append(this.parameters);
		}
		if (this.note != null) {
			text.append(" -- ").append(this.note);
		}
		return text.toString();
	}

}
