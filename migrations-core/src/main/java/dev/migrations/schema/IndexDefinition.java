package dev.migrations.schema;

import java.util.List;
import java.util.Objects;

import dev.migrations.dialect.Dialect;
import dev.migrations.dialect.Feature;
import dev.migrations.dialect.OnlineDdl;
import org.jspecify.annotations.Nullable;

/**
 * An index for {@link QueryInterface#addIndex}: {@code index("user_id")}, {@code index("email").unique()},
 * {@code index("status").where("status <> 'done'").concurrently()}, {@code expression("lower(email)").unique()},
 * {@code index("metadata").using(IndexMethod.GIN)},
 * {@code on(column("user_id"), column("created_at").desc().nullsLast()).include("total")}.
 *
 * <p>Without {@link #name(String)} the name is {@code <table>_<elements>_idx}, PostgreSQL's convention: each column
 * by its name, each expression by its text with every run of characters other than letters, digits and {@code _}
 * replaced by one {@code _} ({@code lower(email)} gives {@code lower_email}). A name longer than PostgreSQL's 63 bytes
 * is cut and ends with 8 hex digits of its CRC-32. {@code removeIndex} with the same definition finds the same name.
 */
public final class IndexDefinition {

	private final IndexColumn[] elements;

	private final String[] nameParts;

	private @Nullable String name;

	private boolean unique;

	private boolean concurrently;

	private boolean ifNotExists;

	private @Nullable String where;

	private @Nullable IndexMethod method;

	private @Nullable String methodName;

	private String[] include = new String[0];

	private IndexDefinition(IndexColumn[] elements) {
		if (elements.length == 0) {
			throw new IllegalArgumentException("An index needs at least one column");
		}
		for (IndexColumn element : elements) {
			Objects.requireNonNull(element, "column");
		}
		this.elements = elements.clone();
		this.nameParts = java.util.Arrays.stream(elements).map(IndexColumn::namePart).toArray(String[]::new);
	}

	/** An index on the columns, in order. */
	public static IndexDefinition index(String... columns) {
		for (String column : columns) {
			Objects.requireNonNull(column, "column");
		}
		return new IndexDefinition(java.util.Arrays.stream(columns).map(IndexColumn::column).toArray(IndexColumn[]::new));
	}

	/** An index on columns and expressions with their order and operator class. */
	public static IndexDefinition on(IndexColumn... elements) {
		return new IndexDefinition(elements);
	}

	/** An index on one expression, SQL the author writes: {@code expression("lower(email)")}. */
	public static IndexDefinition expression(String sql) {
		return new IndexDefinition(new IndexColumn[] { IndexColumn.expression(sql) });
	}

	/** Names the index instead of deriving the name. */
	public IndexDefinition name(String name) {
		this.name = Objects.requireNonNull(name, "name");
		return this;
	}

	/** {@code CREATE UNIQUE INDEX}. */
	public IndexDefinition unique() {
		this.unique = true;
		return this;
	}

	/**
	 * {@code CONCURRENTLY}: builds (or drops) the index without blocking writes. PostgreSQL refuses it inside a
	 * transaction block, so the migration must declare {@code transactional() == false}.
	 */
	public IndexDefinition concurrently() {
		this.concurrently = true;
		return this;
	}

	/** {@code IF NOT EXISTS} when creating, and {@code IF EXISTS} when removing by this definition. */
	public IndexDefinition ifNotExists() {
		this.ifNotExists = true;
		return this;
	}

	/** A partial index: {@code WHERE predicate}, SQL the author writes. */
	public IndexDefinition where(String predicate) {
		this.where = Objects.requireNonNull(predicate, "predicate");
		return this;
	}

	/** {@code USING method}: {@code using(IndexMethod.GIN)}. */
	public IndexDefinition using(IndexMethod method) {
		this.method = Objects.requireNonNull(method, "method");
		this.methodName = null;
		return this;
	}

	/** {@code USING method} by name, for access methods from extensions (e.g. {@code bloom}); quoted. */
	public IndexDefinition using(String method) {
		this.methodName = Objects.requireNonNull(method, "method");
		this.method = null;
		return this;
	}

	/** {@code INCLUDE (columns)}: non-key columns stored in the index for index-only scans. */
	public IndexDefinition include(String... columns) {
		for (String column : columns) {
			Objects.requireNonNull(column, "column");
		}
		this.include = columns.clone();
		return this;
	}

	/** The index's name on the table. */
	public String nameOn(String table) {
		return (this.name != null) ? this.name : Names.derived(table, this.nameParts, "idx");
	}

	boolean isConcurrently() {
		return this.concurrently;
	}

	SqlStatement createOn(Dialect dialect, @Nullable String schema, String table) {
		String operation = "addIndex(" + table + ", " + nameOn(table) + ")";
		if (this.where != null) {
			dialect.require(Feature.PARTIAL_INDEX, operation);
		}
		if (this.concurrently) {
			dialect.require(Feature.CONCURRENT_INDEX, operation);
		}
		if (this.include.length > 0) {
			dialect.require(Feature.INDEX_INCLUDE, operation);
		}
		if (this.method != null || this.methodName != null) {
			dialect.require(Feature.INDEX_METHOD, operation);
		}
		StringBuilder sql = new StringBuilder("CREATE ");
		if (this.unique) {
			sql.append("UNIQUE ");
		}
		sql.append("INDEX ");
		if (this.concurrently) {
			sql.append("CONCURRENTLY ");
		}
		if (this.ifNotExists) {
			sql.append("IF NOT EXISTS ");
		}
		sql.append(dialect.quote(nameOn(table))).append(" ON ").append(dialect.qualify(schema, table));
		if (this.method != null) {
			sql.append(" USING ").append(this.method.sql());
		}
		else if (this.methodName != null) {
			sql.append(" USING ").append(dialect.quote(this.methodName));
		}
		sql.append(" (");
		for (int i = 0; i < this.elements.length; i++) {
			sql.append((i > 0) ? ", " : "").append(this.elements[i].toSql(dialect));
		}
		sql.append(')');
		if (this.include.length > 0) {
			sql.append(" INCLUDE (").append(Names.quoteAll(dialect, this.include)).append(')');
		}
		if (this.where != null) {
			sql.append(" WHERE ").append(this.where);
		}
		sql.append(dialect.online(OnlineDdl.ADD_INDEX));
		return new SqlStatement(sql.toString(), List.of(), !this.concurrently);
	}

	SqlStatement dropOn(Dialect dialect, @Nullable String schema, String table) {
		if (dialect.unsupported(Feature.INDEX_BY_NAME_ONLY) != null) {
			if (this.concurrently) {
				dialect.require(Feature.CONCURRENT_INDEX, "removeIndex(" + table + ", " + nameOn(table) + ")");
			}
			return SqlStatement.of(dialect.dropIndexSql(schema, table, nameOn(table)));
		}
		return dropIndex(dialect, schema, nameOn(table), this.concurrently, this.ifNotExists);
	}

	static SqlStatement dropIndex(Dialect dialect, @Nullable String schema, String name, boolean concurrently) {
		return dropIndex(dialect, schema, name, concurrently, false);
	}

	static SqlStatement dropIndex(Dialect dialect, @Nullable String schema, String name, boolean concurrently,
			boolean ifExists) {
		String sql = "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + (ifExists ? "IF EXISTS " : "")
				+ dialect.qualify(schema, name);
		return new SqlStatement(sql, List.of(), !concurrently);
	}

}
