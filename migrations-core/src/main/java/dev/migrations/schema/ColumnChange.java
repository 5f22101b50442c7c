package dev.migrations.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * What {@link QueryInterface#changeColumn} changes. Only what is named changes; everything else stays as it is:
 * {@code c -> c.type(numeric(12, 2))} keeps the column's NOT NULL and default (unlike Sequelize's
 * {@code changeColumn}, which drops them when they are left out).
 */
public final class ColumnChange {

	private @Nullable DataType type;

	private @Nullable String using;

	private @Nullable Boolean notNull;

	private boolean setDefault;

	private boolean dropDefault;

	private @Nullable Object defaultValue;

	private @Nullable String defaultExpression;

	ColumnChange() {
	}

	/** {@code ALTER COLUMN ... TYPE type}, for types PostgreSQL converts by itself (e.g. {@code numeric(10,2)} to (12,2)). */
	public ColumnChange type(DataType type) {
		this.type = Objects.requireNonNull(type, "type");
		this.using = null;
		return this;
	}

	/**
	 * {@code ALTER COLUMN ... TYPE type USING expression}, where the expression (SQL the author writes) computes the new
	 * value from the old one: {@code type(integer(), "CASE WHEN status = 'active' THEN 1 ELSE 0 END")}.
	 */
	public ColumnChange type(DataType type, String using) {
		this.type = Objects.requireNonNull(type, "type");
		this.using = Objects.requireNonNull(using, "using");
		return this;
	}

	/** {@code SET NOT NULL}. */
	public ColumnChange notNull() {
		this.notNull = true;
		return this;
	}

	/** {@code DROP NOT NULL}. */
	public ColumnChange nullable() {
		this.notNull = false;
		return this;
	}

	/** {@code SET DEFAULT literal}; the value is rendered as an escaped literal. */
	public ColumnChange defaultValue(@Nullable Object value) {
		this.setDefault = true;
		this.dropDefault = false;
		this.defaultValue = value;
		this.defaultExpression = (value != null) ? null : "NULL";
		return this;
	}

	/** {@code SET DEFAULT expression}, SQL the author writes, e.g. {@code now()}. */
	public ColumnChange defaultExpression(String sql) {
		this.setDefault = true;
		this.dropDefault = false;
		this.defaultValue = null;
		this.defaultExpression = Objects.requireNonNull(sql, "sql");
		return this;
	}

	/** {@code DROP DEFAULT}. */
	public ColumnChange dropDefault() {
		this.dropDefault = true;
		this.setDefault = false;
		return this;
	}

	/** One {@code ALTER TABLE} with an action per changed attribute, in the order type, default, nullability. */
	String toSql(Dialect dialect, @Nullable String schema, String qualifiedTable, String column) {
		String alter = "ALTER COLUMN " + dialect.quote(column) + " ";
		List<String> actions = new ArrayList<>();
		if (this.type != null || this.notNull != null) {
			dialect.require(dev.migrations.dialect.Feature.ALTER_COLUMN, "changeColumn(" + column + ") of its type or nullability");
		}
		if (this.type != null) {
			actions.add(alter + "TYPE " + this.type.sql(dialect, schema)
					+ ((this.using != null) ? " USING " + this.using : ""));
		}
		if (this.dropDefault) {
			actions.add(alter + "DROP DEFAULT");
		}
		else if (this.setDefault) {
			actions.add(alter + "SET DEFAULT " + ((this.defaultExpression != null) ? dialect.defaultExpression(this.defaultExpression)
					: dialect.literal(this.defaultValue)));
		}
		if (this.notNull != null) {
			actions.add(alter + (this.notNull ? "SET NOT NULL" : "DROP NOT NULL"));
		}
		if (actions.isEmpty()) {
			throw new IllegalArgumentException("changeColumn on " + qualifiedTable + "." + dialect.quote(column)
					+ " changes nothing; name the type, the default or the nullability");
		}
		return "ALTER TABLE " + qualifiedTable + " " + String.join(", ", actions);
	}

}
