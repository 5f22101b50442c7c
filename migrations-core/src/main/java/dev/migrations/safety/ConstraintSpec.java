package dev.migrations.safety;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A table constraint in {@code CREATE TABLE} or {@code ALTER TABLE ... ADD}.
 *
 * @param name its name, if given
 * @param kind what it constrains
 * @param columns the columns it lists (the first parenthesized list), empty for {@code CHECK}
 * @param references the referenced table of a foreign key
 * @param check the expression of a {@code CHECK}
 * @param usingIndex the index of {@code UNIQUE/PRIMARY KEY USING INDEX}
 * @param notValid whether it ends with {@code NOT VALID}
 * @param text the constraint as written
 */
record ConstraintSpec(@Nullable String name, Kind kind, List<String> columns, @Nullable QualifiedName references,
		@Nullable Expression check, @Nullable String usingIndex, boolean notValid, String text) {

	enum Kind {

		FOREIGN_KEY, CHECK, UNIQUE, PRIMARY_KEY, EXCLUDE, NOT_NULL

	}

}
