package dev.migrations.schema;

/**
 * A constraint as {@link QueryInterface#listConstraints} reads it from the catalog.
 *
 * @param name the constraint's name
 * @param type {@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY}, {@code CHECK}, {@code EXCLUDE} or
 * {@code NOT NULL}
 * @param definition the definition as PostgreSQL prints it ({@code pg_get_constraintdef})
 * @param validated {@code false} for a {@code NOT VALID} constraint that is not validated yet
 */
public record ConstraintDescription(String name, String type, String definition, boolean validated) {
}
