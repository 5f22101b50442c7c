package dev.migrations.core;

import java.util.List;
import java.util.Locale;

/**
 * The commands that read without the lock and change nothing: {@code status} and {@code validate}.
 */
final class StatusCommands {

	private final MigrationSettings settings;

	StatusCommands(MigrationSettings settings) {
		this.settings = settings;
	}

	StatusReport status() {
		return Session.open(this.settings.config(), (session) -> {
			HistoryStore history = this.settings.history(session);
			Plan plan = new Plan(this.settings.catalog(), history.readAll(session.connection()));
			return new StatusReport(history.schema(), history.table(), plan.statuses(), session.lockHolder());
		});
	}

	StatusReport validate() {
		StatusReport report = status();
		List<String> notApplied = report.migrations()
			.stream()
			.filter((m) -> m.state() != MigrationState.APPLIED && m.state() != MigrationState.MISSING)
			.map((m) -> m.id() + " (" + m.state().name().toLowerCase(Locale.ROOT) + ")")
			.toList();
		if (!notApplied.isEmpty()) {
			throw new MigrationValidationException("The schema in " + report.schema() + "." + report.table()
					+ " is not up to date; not applied: " + String.join(", ", notApplied)
					+ ". Run --migrations.command=migrate, or set migrations.on-startup=migrate.");
		}
		Session.open(this.settings.config(), (session) -> {
			HistoryStore history = this.settings.history(session);
			this.settings.read(session, history).validate(this.settings.validation(), history.qualifiedTable());
			return null;
		});
		return report;
	}

}
