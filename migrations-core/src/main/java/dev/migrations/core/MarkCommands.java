package dev.migrations.core;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The commands that repair the history without running migrations, on one locked session: {@code mark-applied},
 * {@code mark-rolled-back}, {@code accept-checksums} and {@code import-flyway}.
 */
final class MarkCommands {

	private static final Log logger = LogFactory.getLog(MarkCommands.class);

	/** Flyway's history table, read by {@code import-flyway} in the history's schema. */
	static final String FLYWAY_TABLE = "flyway_schema_history";

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
			marked.addAll(markPending(run.session(), history, plan, to, batch, this.settings.config().origin(),
					"marked applied without running"));
		}
		marked.sort(null);
		return run.result(marked, marked.isEmpty() ? null : batch);
	}

	/**
	 * Records every pending migration up to and including {@code to} as applied without running it, with the
	 * checksum of its class.
	 * @return the ids recorded
	 */
	static List<String> markPending(Session session, History history, Plan plan, String to, int batch,
			HistoryRow.Origin origin, String how) throws SQLException {
		List<String> marked = new ArrayList<>();
		OffsetDateTime now = Runs.now();
		for (ResolvedMigration migration : plan.pending()) {
			if (migration.id().compareTo(to) <= 0) {
				history.insert(session.connection(), HistoryRow.marked(migration.id(), migration.description(), batch,
						migration.checksum(), migration.transactional(), now, origin, how));
				marked.add(migration.id());
			}
		}
		return marked;
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

	/**
	 * Records the current checksum of every applied migration whose class changed since it ran, or whose row has none
	 * yet: the repair after a human decided that the applied schema and the code agree.
	 */
	CommandResult acceptChecksums(CommandRun run) throws SQLException {
		HistoryStore history = this.settings.history(run.session());
		run.lock(history);
		Plan plan = this.settings.read(run.session(), history);
		List<String> accepted = new ArrayList<>();
		for (ResolvedMigration migration : plan.modified()) {
			history.updateChecksum(run.session().connection(), migration.id(), migration.checksum());
			accepted.add(migration.id());
		}
		accepted.addAll(recordMissingChecksums(run.session(), history, plan));
		accepted.sort(null);
		if (!accepted.isEmpty()) {
			logger.info("Recorded the current checksum of " + accepted.size() + " migration(s) in "
					+ history.qualifiedTable() + ": " + String.join(", ", accepted));
		}
		return run.result(accepted, null);
	}

	/**
	 * Fills the checksum of applied rows written before checksums were recorded, from the code as it is now: the
	 * in-place upgrade of an older history, done by the next {@code migrate} or {@code accept-checksums}.
	 * @return the ids filled
	 */
	static List<String> recordMissingChecksums(Session session, History history, Plan plan) throws SQLException {
		List<String> filled = new ArrayList<>();
		for (HistoryRow row : plan.withoutChecksum()) {
			ResolvedMigration migration = plan.catalog().find(row.id());
			if (migration != null && migration.checksum() != null) {
				history.updateChecksum(session.connection(), row.id(), migration.checksum());
				filled.add(row.id());
			}
		}
		return filled;
	}

	/**
	 * Reads Flyway's history ({@code flyway_schema_history} in the history's schema) and records the migrations of
	 * the code that its successful versioned rows stand for as applied, without running them. A Flyway row matches
	 * the migration whose timestamp is its version (dots and underscores removed), or else whose description is its
	 * description (case and separators aside). Fails, recording nothing, when a Flyway row failed or matches no
	 * migration.
	 */
	CommandResult importFlyway(CommandRun run) throws SQLException {
		Session session = run.session();
		HistoryStore history = this.settings.history(session);
		run.lock(history);
		Plan plan = this.settings.read(session, history);
		List<FlywayRow> flyway = readFlyway(session, history.schema());
		Map<String, ResolvedMigration> byVersion = new HashMap<>();
		Map<String, ResolvedMigration> byDescription = new HashMap<>();
		for (ResolvedMigration migration : this.settings.catalog().all()) {
			byVersion.put(MigrationIds.version(migration.id()), migration);
			byDescription.put(normalize(migration.description()), migration);
		}
		Map<String, ResolvedMigration> matched = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (FlywayRow row : flyway) {
			if (!row.success()) {
				problems.add("version " + row.version() + " (" + row.description() + ") failed in Flyway; repair it "
						+ "with Flyway first");
				continue;
			}
			ResolvedMigration migration = byVersion.get(row.version().replace(".", "").replace("_", ""));
			if (migration == null) {
				migration = byDescription.get(normalize(row.description()));
			}
			if (migration == null) {
				problems.add("version " + row.version() + " (" + row.description() + ") matches no migration");
			}
			else {
				matched.put(migration.id(), migration);
			}
		}
		String table = session.dialect().qualify(history.schema(), FLYWAY_TABLE);
		if (!problems.isEmpty()) {
			throw new MigrationException("Cannot import " + table + "; nothing was recorded: "
					+ String.join("; ", problems) + ". A Flyway row matches the migration whose timestamp is its "
					+ "version or whose description is its description (V3__add_email.sql matches "
					+ "20260101000003_add_email or any id ending in _add_email).");
		}
		int batch = plan.lastBatch() + 1;
		OffsetDateTime now = Runs.now();
		List<String> imported = new ArrayList<>();
		for (ResolvedMigration migration : matched.values()) {
			if (plan.row(migration.id()) == null) {
				history.insert(session.connection(), HistoryRow.marked(migration.id(), migration.description(), batch,
						migration.checksum(), migration.transactional(), now, this.settings.config().origin(),
						"imported from " + FLYWAY_TABLE));
				imported.add(migration.id());
			}
		}
		imported.sort(null);
		logger.info("Imported " + imported.size() + " migration(s) from " + table + " into "
				+ history.qualifiedTable() + " (" + (matched.size() - imported.size()) + " were recorded already)");
		return run.result(imported, imported.isEmpty() ? null : batch);
	}

	private static List<FlywayRow> readFlyway(Session session, String schema) throws SQLException {
		String table = session.dialect().qualify(schema, FLYWAY_TABLE);
		List<FlywayRow> rows = new ArrayList<>();
		try (Statement statement = session.connection().createStatement();
				ResultSet rs = statement.executeQuery("SELECT version, description, success FROM " + table
						+ " WHERE version IS NOT NULL AND type <> 'BASELINE' ORDER BY installed_rank")) {
			while (rs.next()) {
				rows.add(new FlywayRow(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
			}
		}
		catch (SQLException ex) {
			if (session.dialect().isUndefinedTable(ex)) {
				throw new MigrationException("import-flyway reads " + table + ", which does not exist; set "
						+ "migrations.schema to the schema of Flyway's history", ex);
			}
			throw ex;
		}
		return rows;
	}

	/** A description with case and separators ({@code ' '}, {@code '_'}, {@code '-'}, {@code '.'}) removed. */
	private static String normalize(String description) {
		return description.toLowerCase(Locale.ROOT).replaceAll("[\\s_.-]+", "");
	}

	/** Whether the history's schema has a table or view besides the history tables. */
	static boolean hasTables(Session session, History history) throws SQLException {
		DatabaseMetaData metaData = session.connection().getMetaData();
		try (ResultSet tables = metaData.getTables(null, history.schema(), "%",
				new String[] { "TABLE", "VIEW", "PARTITIONED TABLE" })) {
			while (tables.next()) {
				String name = tables.getString("TABLE_NAME");
				if (!name.equals(history.table()) && !name.equals(Defaults.SEED_TABLE)) {
					return true;
				}
			}
		}
		return false;
	}

	/** One row of Flyway's history, as import reads it. */
	private record FlywayRow(String version, String description, boolean success) {

	}

}
