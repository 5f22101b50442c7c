package dev.migrations.schema;

import java.util.Objects;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@link QueryInterface#createSequence}: {@code s -> s.startWith(1000).incrementBy(10)}. Every option
 * left out keeps PostgreSQL's default.
 */
public final class SequenceDefinition {

	private @Nullable DataType type;

	private @Nullable Long increment;

	private @Nullable Long minValue;

	private @Nullable Long maxValue;

	private @Nullable Long start;

	private @Nullable Long cache;

	private boolean cycle;

	private @Nullable String ownedByTable;

	private @Nullable String ownedByColumn;

	SequenceDefinition() {
	}

	/** {@code AS type}: {@code smallint}, {@code integer} or {@code bigint} (the default). */
	public SequenceDefinition as(DataType type) {
		this.type = Objects.requireNonNull(type, "type");
		return this;
	}

	/** {@code INCREMENT BY n}. */
	public SequenceDefinition incrementBy(long increment) {
		this.increment = increment;
		return this;
	}

	/** {@code MINVALUE n}. */
	public SequenceDefinition minValue(long minValue) {
		this.minValue = minValue;
		return this;
	}

	/** {@code MAXVALUE n}. */
	public SequenceDefinition maxValue(long maxValue) {
		this.maxValue = maxValue;
		return this;
	}

	/** {@code START WITH n}. */
	public SequenceDefinition startWith(long start) {
		this.start = start;
		return this;
	}

	/** {@code CACHE n}. */
	public SequenceDefinition cache(long cache) {
		this.cache = cache;
		return this;
	}

	/** {@code CYCLE}. */
	public SequenceDefinition cycle() {
		this.cycle = true;
		return this;
	}

	/** {@code OWNED BY table.column}: dropped with the column. */
	public SequenceDefinition ownedBy(String table, String column) {
		this.ownedByTable = Objects.requireNonNull(table, "table");
		this.ownedByColumn = Objects.requireNonNull(column, "column");
		return this;
	}

	String toSql(Dialect dialect, @Nullable String schema, String qualifiedName) {
		StringBuilder sql = new StringBuilder("CREATE SEQUENCE ").append(qualifiedName);
		if (this.type != null) {
			sql.append(" AS ").append(this.type.sql(dialect, schema));
		}
		append(sql, " INCREMENT BY ", this.increment);
		append(sql, " MINVALUE ", this.minValue);
		append(sql, " MAXVALUE ", this.maxValue);
		append(sql, " START WITH ", this.start);
		append(sql, " CACHE ", this.cache);
		if (this.cycle) {
			sql.append(" CYCLE");
		}
		if (this.ownedByTable != null && this.ownedByColumn != null) {
			sql.append(" OWNED BY ").append(dialect.qualify(schema, this.ownedByTable)).append('.')
				.append(dialect.quote(this.ownedByColumn));
		}
		return sql.toString();
	}

	private static void append(StringBuilder sql, String keyword, @Nullable Long value) {
		if (value != null) {
			sql.append(keyword).append(value);
		}
	}

}
