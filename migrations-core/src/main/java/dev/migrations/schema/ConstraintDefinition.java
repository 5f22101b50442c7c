package dev.migrations.schema;

import java.util.Objects;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * A table constraint for {@link QueryInterface#addConstraint} or {@link TableDefinition#constraint}: <pre>{@code
 * foreignKey("user_id").references("users", "id").onDelete(CASCADE).notValid()
 * check("orders_total_positive", "total >= 0")
 * unique("order_id", "product_id")
 * uniqueUsingIndex("order_items_order_product_idx")
 * primaryKey("order_id", "product_id")
 * }</pre>
 *
 * <p>Without {@link #name(String)} the name follows PostgreSQL's own convention: {@code <table>_<columns>_fkey},
 * {@code <table>_<columns>_key} (unique), {@code <table>_pkey}; {@code removeConstraint} with the same definition
 * finds the same name. A check constraint is always named by the author.
 */
public final class ConstraintDefinition {

	private enum Kind {

		PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK

	}

	private final Kind kind;

	private final String[] columns;

	private @Nullable String name;

	private @Nullable String expression;

	private @Nullable String usingIndex;

	private @Nullable String referencedSchema;

	private @Nullable String referencedTable;

	private String[] referencedColumns = new String[0];

	private @Nullable ReferentialAction onDelete;

	private @Nullable ReferentialAction onUpdate;

	private boolean deferrable;

	private boolean initiallyDeferred;

	private boolean notValid;

	private ConstraintDefinition(Kind kind, String[] columns) {
		for (String column : columns) {
			Objects.requireNonNull(column, "column");
		}
		this.kind = kind;
		this.columns = columns.clone();
	}

	/** {@code PRIMARY KEY (columns)}. */
	public static ConstraintDefinition primaryKey(String... columns) {
		return new ConstraintDefinition(Kind.PRIMARY_KEY, requireColumns(columns, "A primary key"));
	}

	/** {@code UNIQUE (columns)}. */
	public static ConstraintDefinition unique(String... columns) {
		return new ConstraintDefinition(Kind.UNIQUE, requireColumns(columns, "A unique constraint"));
	}

	/**
	 * {@code UNIQUE USING INDEX index}: turns an existing unique index (built concurrently beforehand) into a
	 * constraint. PostgreSQL renames the index to the constraint's name, which defaults to the index's name.
	 */
	public static ConstraintDefinition uniqueUsingIndex(String indexName) {
		ConstraintDefinition constraint = new ConstraintDefinition(Kind.UNIQUE, new String[0]);
		constraint.usingIndex = Objects.requireNonNull(indexName, "indexName");
		return constraint;
	}

	/** {@code PRIMARY KEY USING INDEX index}; the constraint's name defaults to the index's name. */
	public static ConstraintDefinition primaryKeyUsingIndex(String indexName) {
		ConstraintDefinition constraint = new ConstraintDefinition(Kind.PRIMARY_KEY, new String[0]);
		constraint.usingIndex = Objects.requireNonNull(indexName, "indexName");
		return constraint;
	}

	/** {@code FOREIGN KEY (columns)}; follow with {@link #references(String, String...)}. */
	public static ConstraintDefinition foreignKey(String... columns) {
		return new ConstraintDefinition(Kind.FOREIGN_KEY, requireColumns(columns, "A foreign key"));
	}

	/** {@code CONSTRAINT name CHECK (expression)}; the expression is SQL the author writes. */
	public static ConstraintDefinition check(String name, String expression) {
		ConstraintDefinition constraint = new ConstraintDefinition(Kind.CHECK, new String[0]);
		constraint.name = Objects.requireNonNull(name, "name");
		constraint.expression = Objects.requireNonNull(expression, "expression");
		return constraint;
	}

	/** Names the constraint instead of deriving the name. */
	public ConstraintDefinition name(String name) {
		this.name = Objects.requireNonNull(name, "name");
		return this;
	}

	/** {@code REFERENCES table (columns)}, a table in the migration's schema. */
	public ConstraintDefinition references(String table, String... columns) {
		requireKind(Kind.FOREIGN_KEY, "references");
		this.referencedTable = Objects.requireNonNull(table, "table");
		this.referencedColumns = requireColumns(columns, "references").clone();
		return this;
	}

	/** {@code REFERENCES schema.table (columns)}. */
	public ConstraintDefinition references(TableName table, String... columns) {
		references(table.name(), columns);
		this.referencedSchema = table.schema();
		return this;
	}

	/** {@code ON DELETE action}. */
	public ConstraintDefinition onDelete(ReferentialAction action) {
		requireKind(Kind.FOREIGN_KEY, "onDelete");
		this.onDelete = Objects.requireNonNull(action, "action");
		return this;
	}

	/** {@code ON UPDATE action}. */
	public ConstraintDefinition onUpdate(ReferentialAction action) {
		requireKind(Kind.FOREIGN_KEY, "onUpdate");
		this.onUpdate = Objects.requireNonNull(action, "action");
		return this;
	}

	/** {@code DEFERRABLE INITIALLY IMMEDIATE}. */
	public ConstraintDefinition deferrable() {
		this.deferrable = true;
		return this;
	}

	/** {@code DEFERRABLE INITIALLY DEFERRED}: checked at commit. */
	public ConstraintDefinition initiallyDeferred() {
		this.deferrable = true;
		this.initiallyDeferred = true;
		return this;
	}

	/**
	 * {@code NOT VALID} (foreign key and check only): existing rows are not checked, so adding it takes no long lock;
	 * {@link QueryInterface#validateConstraint} checks them later.
	 */
	public ConstraintDefinition notValid() {
		if (this.kind != Kind.FOREIGN_KEY && this.kind != Kind.CHECK) {
			throw new IllegalStateException("NOT VALID applies to foreign key and check constraints only");
		}
		this.notValid = true;
		return this;
	}

	/** The constraint's name on the table. */
	public String nameOn(String table) {
		if (this.name != null) {
			return this.name;
		}
		if (this.usingIndex != null) {
			return this.usingIndex;
		}
		return switch (this.kind) {
			case PRIMARY_KEY -> Names.fit(table + "_pkey");
			case UNIQUE -> Names.derived(table, this.columns, "key");
			case FOREIGN_KEY -> Names.derived(table, this.columns, "fkey");
			case CHECK -> throw new IllegalStateException("A check constraint needs a name");
		};
	}

	/** {@code CONSTRAINT name ...} as it appears in {@code CREATE TABLE} or {@code ADD CONSTRAINT}. */
	String toSql(Dialect dialect, @Nullable String schema, String table) {
		StringBuilder sql = new StringBuilder("CONSTRAINT ").append(dialect.quote(nameOn(table))).append(' ');
		switch (this.kind) {
			case PRIMARY_KEY, UNIQUE -> {
				sql.append((this.kind == Kind.PRIMARY_KEY) ? "PRIMARY KEY" : "UNIQUE");
				if (this.usingIndex != null) {
					sql.append(" USING INDEX ").append(dialect.quote(this.usingIndex));
				}
				else {
					sql.append(" (").append(Names.quoteAll(dialect, this.columns)).append(')');
				}
			}
			case CHECK -> sql.append("CHECK (").append(this.expression).append(')');
			case FOREIGN_KEY -> {
				if (this.referencedTable == null) {
					throw new IllegalStateException("Foreign key " + nameOn(table) + " needs references(table, columns)");
				}
				sql.append("FOREIGN KEY (").append(Names.quoteAll(dialect, this.columns)).append(") REFERENCES ")
					.append(dialect.qualify((this.referencedSchema != null) ? this.referencedSchema : schema,
							this.referencedTable))
					.append(" (").append(Names.quoteAll(dialect, this.referencedColumns)).append(')');
				if (this.onDelete != null) {
					sql.append(" ON DELETE ").append(this.onDelete.sql());
				}
				if (this.onUpdate != null) {
					sql.append(" ON UPDATE ").append(this.onUpdate.sql());
				}
			}
		}
		if (this.deferrable) {
			sql.append(this.initiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE");
		}
		if (this.notValid) {
			dialect.require(dev.migrations.dialect.Feature.NOT_VALID_CONSTRAINT, "addConstraint(" + table + ", "
					+ nameOn(table) + ") NOT VALID");
			sql.append(" NOT VALID");
		}
		return sql.toString();
	}

	boolean isNotValid() {
		return this.notValid;
	}

	private void requireKind(Kind required, String what) {
		if (this.kind != required) {
			throw new IllegalStateException(what + " applies to a foreign key only");
		}
	}

	private static String[] requireColumns(String[] columns, String what) {
		if (columns.length == 0) {
			throw new IllegalArgumentException(what + " needs at least one column");
		}
		return columns;
	}

}
