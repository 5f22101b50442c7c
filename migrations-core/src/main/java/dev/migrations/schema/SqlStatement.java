package dev.migrations.schema;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One SQL statement that a migration runs: its text, its bound parameters, and whether PostgreSQL lets it run inside
 * a transaction block ({@code CREATE INDEX CONCURRENTLY} does not).
 *
 * @param sql the SQL text; identifiers in it are quoted and it carries no caller data, which travels in
 * {@code parameters}
 * @param parameters the values bound to the {@code ?} placeholders, in order
 * @param transactional {@code false} when the statement cannot run inside a transaction block
 */
public record SqlStatement(String sql, List<@Nullable Object> parameters, boolean transactional) {

	public SqlStatement {
		parameters = Collections.unmodifiableList(parameters);
	}

	/** A statement without parameters that may run in a transaction. */
	public static SqlStatement of(String sql) {
		return new SqlStatement(sql, List.of(), true);
	}

	/** A statement with bound parameters that may run in a transaction. */
	public static SqlStatement of(String sql, @Nullable Object... parameters) {
		return new SqlStatement(sql, Arrays.asList(parameters.clone()), true);
	}

	/** A statement that must run outside a transaction block. */
	public static SqlStatement nonTransactional(String sql) {
		return new SqlStatement(sql, List.of(), false);
	}

	@Override
	public String toString() {
		return this.parameters.isEmpty() ? this.sql : this.sql + " -- parameters " + this.parameters;
	}

}
