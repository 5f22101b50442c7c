package dev.migrations.schema;

import java.util.Objects;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * An index for {@link QueryInterface#addIndex}: {@code index("user_id")}, {@code index("email").unique()},
 * {@code index("status").where("status <> 'done'").concurrently()}.
 *
 * <p>Without {@link #name(String)} the name is {@code <table>_<columns>_idx}, cut to PostgreSQL's 63 bytes with a
 * hash suffix when longer; {@code removeIndex} with the same definition finds the same name.
 */
public final class IndexDefinition {

	private final String[] columns;

	private @Nullable String name;

	private boolean unique;

	private boolean concurrently;

	private @Nullable String where;

	private IndexDefinition(String[] columns) {
		if (columns.length == 0) {
			throw new IllegalArgumentException("An index needs at least one column");
		}
		for (String column : columns) {
			Objects.requireNonNull(column, "column");
		}
		this.columns = columns.clone();
	}

	/** An index on the columns, in order. */
	public static IndexDefinition index(String... columns) {
		return new IndexDefinition(columns);
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

	/** A partial index: {@code WHERE predicate}, SQL the author writes. */
	public IndexDefinition where(String predicate) {
		this.where = Objects.requireNonNull(predicate, "predicate");
		return this;
	}

	/** The index's name on the table. */
	public String nameOn(String table) {
		return (this.name != null) ? this.name : Names.derived(table, this.columns, "idx");
	}

	boolean isConcurrently() {
		return this.concurrently;
	}

	SqlStatement createOn(Dialect dialect, @Nullable String schema, String table) {
		StringBuilder sql = new StringBuilder("CREATE ");
		if (this.unique) {
			sql.append("UNIQUE ");
		}
		sql.append("INDEX ");
		if (this.concurrently) {
			sql.append("CONCURRENTLY ");
		}
		sql.append(dialect.quote(nameOn(table))).append(" ON ").append(dialect.qualify(schema, table)).append(" (")
			.append(Names.quoteAll(dialect, this.columns)).append(')');
		if (this.where != null) {
			sql.append(" WHERE ").append(this.where);
		}
		return new SqlStatement(sql.toString(), java.util.List.of(), !this.concurrently);
	}

	SqlStatement dropOn(Dialect dialect, @Nullable String schema, String table) {
		return dropIndex(dialect, schema, nameOn(table), this.concurrently);
	}

	static SqlStatement dropIndex(Dialect dialect, @Nullable String schema, String name, boolean concurrently) {
		String sql = "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + dialect.qualify(schema, name);
		return new SqlStatement(sql, java.util.List.of(), !concurrently);
	}

}
