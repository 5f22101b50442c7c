package dev.migrations.core;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The commands that read without the lock and change nothing: {@code status} and {@code validate}.
 */
final class StatusCommands {

	private final MigrationSettings settings;

	StatusCommands(MigrationSettings settings) {
		this.settings = settings;
	}

	StatusReport status() {
		return Session.open(this.settings.config(), (session) -> read(session).report());
	}

	/** Whether the schema is up to date, from the history's one-row summary and the lock holder. */
	StatusSummary summary() {
		return Session.open(this.settings.config(), (session) -> {
			HistoryStore history = this.settings.history(session);
			HistorySummary upToDate = this.settings.upToDateSummary(session, history);
			return new StatusSummary(history.schema(), history.table(), upToDate != null,
					(upToDate != null) ? upToDate.applied() : 0, (upToDate != null) ? upToDate.newest() : null,
					session.lockHolder());
		});
	}

	/**
	 * Checks that every migration is applied and the validation policies hold, from one read of the history.
	 * @throws MigrationValidationException naming what is pending, failed, missing or out of order
	 */
	StatusReport validate() {
		return Session.open(this.settings.config(), (session) -> validate(session, read(session)));
	}

	private StatusReport validate(Session session, Read read) {
		StatusReport report = read.report();
		List<String> notApplied = report.migrations()
			.stream()
			.filter((m) -> m.state() != MigrationState.APPLIED && m.state() != MigrationState.MISSING
					&& m.state() != MigrationState.MODIFIED)
			.map((m) -> m.id() + " (" + m.state().name().toLowerCase(Locale.ROOT) + ")")
			.toList();
		if (!notApplied.isEmpty()) {
			throw new MigrationValidationException("The schema in " + report.schema() + "." + report.table()
					+ " is not up to date; not applied: " + String.join(", ", notApplied)
					+ ". Run --migrations.command=migrate, or set migrations.on-startup=migrate.");
		}
		read.plan().validate(this.settings.validation(), read.history().qualifiedTable(),
				ModifiedStatements.explainer(session, read.history()));
		return report;
	}

	private Read read(Session session) throws java.sql.SQLException {
		HistoryStore history = this.settings.history(session);
		Plan plan = new Plan(this.settings.catalog(), history.readAll(session.connection()));
		return new Read(history, plan, session.lockHolder());
	}

	/** One read of the history, with the lock holder at that moment. */
	private record Read(HistoryStore history, Plan plan, dev.migrations.dialect.@Nullable LockHolder holder) {

		StatusReport report() {
			return new StatusReport(this.history.schema(), this.history.table(), this.plan.statuses(), this.holder);
		}

	}

}
