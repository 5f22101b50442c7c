package dev.migrations.safety;

import org.jspecify.annotations.Nullable;

/**
 * A column definition in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD COLUMN}.
 *
 * @param name the column's name
 * @param type its type
 * @param defaultValue its {@code DEFAULT} expression, if any
 * @param notNull whether it is {@code NOT NULL} (or {@code PRIMARY KEY})
 * @param unique whether it has a {@code UNIQUE} constraint
 * @param primaryKey whether it is the {@code PRIMARY KEY}
 * @param references the table of its {@code REFERENCES} constraint, if any
 * @param check the expression of its {@code CHECK} constraint, if any
 * @param generated the expression of {@code GENERATED ALWAYS AS (...) STORED}, if any
 * @param identity whether it is {@code GENERATED ... AS IDENTITY}
 * @param text the definition as written
 */
record ColumnSpec(String name, TypeName type, @Nullable Expression defaultValue, boolean notNull, boolean unique,
		boolean primaryKey, @Nullable QualifiedName references, @Nullable Expression check,
		@Nullable Expression generated, boolean identity, String text) {

	/** Whether the column has a default that fills existing rows: a {@code DEFAULT} other than {@code NULL}. */
	boolean hasDefault() {
		return this.defaultValue != null && !this.defaultValue.isNull();
	}

}
