package dev.migrations.core;

import dev.migrations.safety.SafetyMode;
import org.jspecify.annotations.Nullable;

/**
 * What the migration command families share: the run's config, the code's migrations, the history table, the
 * validation policies, the safety mode, the baseline of {@code baseline-on-migrate} ({@code null} for none), and
 * whether {@code migrate} applies its pending migrations in one group transaction.
 */
record MigrationSettings(RunConfig config, MigrationCatalog catalog, String table, Validation validation,
		SafetyMode safetyMode, @Nullable String baselineId, boolean group) {

	/** The migrations history on the session: the table in the session's schema. */
	HistoryStore history(Session session) {
		return new HistoryStore(session.dialect(), session.schema(), this.table);
	}

	/**
	 * The history's one-row summary when it says the history holds exactly the code's migrations, all applied with
	 * the checksums the code has (then nothing is pending, failed, missing or out of order, and validation has nothing
	 * to say); {@code null} otherwise (or when there is no history yet), and every row must be read.
	 */
	@Nullable HistorySummary upToDateSummary(Session session, HistoryStore history) throws java.sql.SQLException {
		HistorySummary recorded = history.summary(session.connection());
		return (recorded != null && recorded.upToDateWith(this.catalog.summary())) ? recorded : null;
	}

	/** The code against the history, as planning needs it. */
	Plan read(Session session, History history) throws java.sql.SQLException {
		return new Plan(this.catalog, history.readStates(session.connection()));
	}

}
