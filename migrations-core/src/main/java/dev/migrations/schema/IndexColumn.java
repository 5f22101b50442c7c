package dev.migrations.schema;

import java.util.Objects;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * One element of an index: a column or an expression, with its sort order and operator class: {@code
 * column("created_at").desc().nullsLast()}, {@code expression("lower(email)")},
 * {@code column("name").opclass("text_pattern_ops")}.
 */
public final class IndexColumn {

	private final @Nullable String column;

	private final @Nullable String expression;

	private @Nullable String order;

	private @Nullable String nulls;

	private @Nullable String opclass;

	private IndexColumn(@Nullable String column, @Nullable String expression) {
		this.column = column;
		this.expression = expression;
	}

	/** A column, quoted. */
	public static IndexColumn column(String name) {
		return new IndexColumn(Objects.requireNonNull(name, "name"), null);
	}

	/** An expression, SQL the author writes, e.g. {@code lower(email)}; PostgreSQL wraps it in parentheses. */
	public static IndexColumn expression(String sql) {
		return new IndexColumn(null, Objects.requireNonNull(sql, "sql"));
	}

	/** {@code ASC} (the default order). */
	public IndexColumn asc() {
		this.order = "ASC";
		return this;
	}

	/** {@code DESC}. */
	public IndexColumn desc() {
		this.order = "DESC";
		return this;
	}

	/** {@code NULLS FIRST}. */
	public IndexColumn nullsFirst() {
		this.nulls = "NULLS FIRST";
		return this;
	}

	/** {@code NULLS LAST}. */
	public IndexColumn nullsLast() {
		this.nulls = "NULLS LAST";
		return this;
	}

	/** An operator class, e.g. {@code text_pattern_ops} or {@code jsonb_path_ops}; quoted as an identifier. */
	public IndexColumn opclass(String opclass) {
		this.opclass = Objects.requireNonNull(opclass, "opclass");
		return this;
	}

	/** The part of a derived index name this element contributes. */
	String namePart() {
		if (this.column != null) {
			return this.column;
		}
		String part = Objects.requireNonNull(this.expression).replaceAll("[^\\p{L}\\p{N}_]+", "_").replaceAll("^_+|_+$", "");
		return part.isEmpty() ? "expr" : part;
	}

	String toSql(Dialect dialect) {
		StringBuilder sql = new StringBuilder();
		if (this.column != null) {
			sql.append(dialect.quote(this.column));
		}
		else {
			sql.append('(').append(this.expression).append(')');
		}
		if (this.opclass != null) {
			sql.append(' ').append(dialect.quote(this.opclass));
		}
		if (this.order != null) {
			sql.append(' ').append(this.order);
		}
		if (this.nulls != null) {
			sql.append(' ').append(this.nulls);
		}
		return sql.toString();
	}

}
