package dev.migrations.safety;

import org.jspecify.annotations.Nullable;

/**
 * Something dangerous a pending migration would do, found before it runs.
 *
 * @param checkId the id of the {@link SafetyCheck} that found it, e.g. {@code add-index-non-concurrently}
 * @param severity how bad it is
 * @param migrationId the migration
 * @param statementIndex the position of the statement in the migration's statements, from 0
 * @param sql an excerpt of the statement at fault (the statement itself when the call held several)
 * @param table the table at fault, as SQL ({@code orders}, {@code app."Orders"}), if any
 * @param column the column at fault, if any
 * @param message what is wrong and why it is dangerous, naming the table, column, index or constraint
 * @param safeAlternative the safe way to do it: the SQL, and the starter's way
 */
public record Finding(String checkId, Severity severity, String migrationId, int statementIndex, String sql,
		@Nullable String table, @Nullable String column, String message, String safeAlternative) {

	/** The check that found it. */
	public SafetyCheck check() {
		return SafetyCheck.byId(this.checkId).orElseThrow();
	}

	/** A multi-line description: where, what, why, the safe alternative, and how to acknowledge it. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		text.append('[').append(this.checkId).append("] migration ").append(this.migrationId).append(", statement ")
			.append(this.statementIndex + 1).append(": ").append(this.sql).append('\n');
		text.append("  What: ").append(this.message).append('\n');
		text.append("  Why: ").append(check().danger()).append(".\n");
		text.append("  Safe alternative:\n");
		this.safeAlternative.lines().forEach((line) -> text.append("    ").append(line).append('\n'));
		text.append("  If it is safe here (for instance the table is small or unused), acknowledge it on the "
				+ "migration class: @Acknowledge(check = \"")
			.append(this.checkId)
			.append("\", reason = \"why it is safe\")");
		return text.toString();
	}

	@Override
	public String toString() {
		return this.checkId + " in " + this.migrationId + ": " + this.message;
	}

}
