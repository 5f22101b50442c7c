package dev.migrations.schema;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A schema-qualified name, for the places where one operation names an object in another schema: {@code
 * TableName.of("billing", "invoices")}. The two parts are separate identifiers, each quoted; a dot inside a part is
 * part of the name, never a separator.
 *
 * @param schema the schema, or {@code null} for the migration's schema
 * @param name the object's name
 */
public record TableName(@Nullable String schema, String name) {

	public TableName {
		Objects.requireNonNull(name, "name");
	}

	/** {@code schema.name}. */
	public static TableName of(String schema, String name) {
		return new TableName(Objects.requireNonNull(schema, "schema"), name);
	}

	@Override
	public String toString() {
		return (this.schema != null) ? this.schema + "." + this.name : this.name;
	}

}
