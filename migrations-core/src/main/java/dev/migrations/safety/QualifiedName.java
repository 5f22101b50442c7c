package dev.migrations.safety;

import org.jspecify.annotations.Nullable;

/**
 * A possibly schema-qualified name, each part normalized as PostgreSQL does (unquoted parts in lower case, quoted
 * parts exact).
 *
 * @param schema the schema, or {@code null} when the name is not qualified
 * @param name the object's own name
 */
record QualifiedName(@Nullable String schema, String name) {

	/**
	 * Whether both names can denote the same relation: same name, and same schema when both are qualified (an
	 * unqualified name resolves through the search path, so it is assumed to match).
	 */
	boolean sameAs(QualifiedName other) {
		return this.name.equals(other.name)
				&& (this.schema == null || other.schema == null || this.schema.equals(other.schema));
	}

	/** The name as SQL, quoted only where PostgreSQL needs it. */
	String sql() {
		return (this.schema != null) ? Identifiers.sql(this.schema) + "." + Identifiers.sql(this.name)
				: Identifiers.sql(this.name);
	}

	@Override
	public String toString() {
		return sql();
	}

}
