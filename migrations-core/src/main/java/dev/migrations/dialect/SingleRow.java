package dev.migrations.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The one way the dialects read a value from a query that returns one row: the statement prepared, its parameters
 * bound (never spliced into the SQL), the row read, everything closed.
 */
final class SingleRow {

	private SingleRow() {
	}

	/** Reads what is needed of the row. */
	@FunctionalInterface
	interface Reader<T> {

		T read(ResultSet row) throws SQLException;

	}

	/**
	 * Runs the query with its parameters bound in order and reads its one row.
	 * @throws SQLException when the query fails or returns no row
	 */
	static <T> T query(Connection connection, String sql, Reader<T> reader, Object... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new SQLException("No row from " + sql);
				}
				return reader.read(rs);
			}
		}
	}

}
