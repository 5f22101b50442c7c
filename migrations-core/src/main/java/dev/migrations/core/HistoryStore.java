package dev.migrations.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * The table-backed {@link History}: {@code schema_migrations} for migrations, {@code schema_seeds} for seeders (the
 * same columns), one row per applied, failed or running step.
 */
final class HistoryStore implements History {

	private static final String COLUMNS = "id, description, state, batch, checksum, transactional, started_at, "
			+ "finished_at, execution_ms, applied_by, application, error, script, safety_acknowledgements";

	private final Dialect dialect;

	private final String schema;

	private final String table;

	private final String qualifiedTable;

	/** The INSERT of one row, built once: every applied migration runs it. */
	private final String insert;

	HistoryStore(Dialect dialect, String schema, String table) {
		this.dialect = dialect;
		this.schema = schema;
		this.table = table;
		this.qualifiedTable = dialect.qualify(schema, table);
		this.insert = "INSERT INTO " + this.qualifiedTable + " (" + COLUMNS
				+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	}

	@Override
	public String schema() {
		return this.schema;
	}

	@Override
	public String table() {
		return this.table;
	}

	@Override
	public boolean stores() {
		return true;
	}

	@Override
	public String qualifiedTable() {
		return this.qualifiedTable;
	}

	/** Creates the schema and table when missing; called under the schema lock so replicas never race. */
	@Override
	public void createIfMissing(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA IF NOT EXISTS " + this.dialect.quote(this.schema));
			String timestamp = this.dialect.renderType("timestamptz");
			statement.execute("CREATE TABLE IF NOT EXISTS " + this.qualifiedTable + " (\n"
					+ "  id " + this.dialect.keyText() + " PRIMARY KEY,\n"
					+ "  description text NOT NULL,\n"
					+ "  state text NOT NULL CHECK (state IN ('applied', 'failed', 'running')),\n"
					+ "  batch integer NOT NULL,\n"
					+ "  checksum text,\n"
					+ "  transactional boolean NOT NULL,\n"
					+ "  started_at " + timestamp + " NOT NULL,\n"
					+ "  finished_at " + timestamp + ",\n"
					+ "  execution_ms bigint,\n"
					+ "  applied_by text,\n"
					+ "  application text,\n"
					+ "  error text,\n"
					+ "  script text,\n"
					+ "  safety_acknowledgements text\n"
					+ ")");
			// Columns added after the first release of the table: a history created by an older version gains them.
			statement.execute("ALTER TABLE " + this.qualifiedTable
					+ " ADD COLUMN IF NOT EXISTS safety_acknowledgements text");
		}
	}

	/** Every row in id order with every column; empty when the table does not exist yet. */
	@Override
	public List<HistoryRow> readAll(Connection connection) throws SQLException {
		return read(connection, true);
	}

	/**
	 * Every row in id order with what planning needs (id, description, state, batch, transaction mode, error): a
	 * restart with a thousand applied migrations neither transfers their SQL scripts nor parses their timestamps.
	 */
	@Override
	public List<HistoryRow> readStates(Connection connection) throws SQLException {
		return read(connection, false);
	}

	private List<HistoryRow> read(Connection connection, boolean full) throws SQLException {
		try {
			return read(connection, full ? COLUMNS : "id, description, state, batch, checksum, transactional, error",
					full);
		}
		catch (SQLException ex) {
			if (full && this.dialect.isUndefinedColumn(ex) && connection.getAutoCommit()) {
				// A history created by an older version, not upgraded yet (the next locked run adds the column).
				return read(connection, COLUMNS.replace(", safety_acknowledgements", ", NULL"), true);
			}
			throw ex;
		}
	}

	private List<HistoryRow> read(Connection connection, String columns, boolean full) throws SQLException {
		List<HistoryRow> rows = new ArrayList<>();
		boolean autoCommit = connection.getAutoCommit();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT " + columns + " FROM " + this.qualifiedTable + " ORDER BY id")) {
			while (rs.next()) {
				HistoryRow.State state = HistoryRow.State.valueOf(rs.getString(3).toUpperCase(Locale.ROOT));
				rows.add(full ? new HistoryRow(rs.getString(1), rs.getString(2), state, rs.getInt(4), rs.getString(5),
						rs.getBoolean(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
						(Long) rs.getObject(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
						rs.getString(14))
						: HistoryRow.state(rs.getString(1), rs.getString(2), state, rs.getInt(4), rs.getString(5),
								rs.getBoolean(6), rs.getString(7)));
			}
		}
		catch (SQLException ex) {
			if (this.dialect.isUndefinedTable(ex) && autoCommit) {
				return List.of();
			}
			throw ex;
		}
		return rows;
	}

	/**
	 * The history in one row (see {@link HistorySummary}); {@code null} when the table does not exist yet.
	 */
	@Nullable HistorySummary summary(Connection connection) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(this.dialect.historySummaryQuery(this.qualifiedTable))) {
			rs.next();
			return new HistorySummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5));
		}
		catch (SQLException ex) {
			if (this.dialect.isUndefinedTable(ex) && autoCommit) {
				return null;
			}
			throw ex;
		}
	}

	@Override
	public void insert(Connection connection, HistoryRow row) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.insert)) {
			statement.setString(1, row.id());
			statement.setString(2, row.description());
			statement.setString(3, row.state().name().toLowerCase(Locale.ROOT));
			statement.setInt(4, row.batch());
			statement.setString(5, row.checksum());
			statement.setBoolean(6, row.transactional());
			statement.setObject(7, row.startedAt());
			setTimestamp(statement, 8, row.finishedAt());
			setLong(statement, 9, row.executionMs());
			statement.setString(10, row.appliedBy());
			statement.setString(11, row.application());
			statement.setString(12, row.error());
			statement.setString(13, row.script());
			statement.setString(14, row.acknowledgements());
			statement.executeUpdate();
		}
	}

	/** Records how a running migration ended. */
	@Override
	public void finish(Connection connection, String id, HistoryRow.State state, OffsetDateTime finishedAt, long executionMs,
			@Nullable String error, @Nullable String script) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("UPDATE " + this.qualifiedTable
				+ " SET state = ?, finished_at = ?, execution_ms = ?, error = ?, script = ? WHERE id = ?")) {
			statement.setString(1, state.name().toLowerCase(Locale.ROOT));
			statement.setObject(2, finishedAt);
			statement.setLong(3, executionMs);
			statement.setString(4, error);
			statement.setString(5, script);
			statement.setString(6, id);
			statement.executeUpdate();
		}
	}

	/** Marks a failed or running row applied, in the given batch. */
	@Override
	public void markApplied(Connection connection, String id, int batch, OffsetDateTime now) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("UPDATE " + this.qualifiedTable
				+ " SET state = 'applied', batch = ?, finished_at = ?, error = NULL WHERE id = ?")) {
			statement.setInt(1, batch);
			statement.setObject(2, now);
			statement.setString(3, id);
			statement.executeUpdate();
		}
	}

	@Override
	public void updateChecksum(Connection connection, String id, String checksum) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE " + this.qualifiedTable + " SET checksum = ? WHERE id = ?")) {
			statement.setString(1, checksum);
			statement.setString(2, id);
			statement.executeUpdate();
		}
	}

	@Override
	public void delete(Connection connection, String id) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("DELETE FROM " + this.qualifiedTable + " WHERE id = ?")) {
			statement.setString(1, id);
			statement.executeUpdate();
		}
	}

	private static void setTimestamp(PreparedStatement statement, int index, @Nullable OffsetDateTime value)
			throws SQLException {
		if (value != null) {
			statement.setObject(index, value);
		}
		else {
			statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
	}

	private static void setLong(PreparedStatement statement, int index, @Nullable Long value) throws SQLException {
		if (value != null) {
			statement.setLong(index, value);
		}
		else {
			statement.setNull(index, Types.BIGINT);
		}
	}

}
