package dev.migrations.core;

import dev.migrations.schema.QueryInterface;

/**
 * A seeder: data the application needs (reference data such as roles or currencies) or wants in some environments
 * (demo data, scoped with Spring's {@code @Profile("dev")}), with {@link #run} and, when it can be removed,
 * {@link #undo}.
 *
 * <p>Declare it as a Spring bean, or just put the class in a scanned package; the id comes from
 * {@link SeederId @SeederId} or from overriding {@link #id()}: <pre>{@code
 * @SeederId("20260501130000_reference_roles")
 * public class ReferenceRoles implements Seeder {
 *     public void run(QueryInterface q) {
 *         Rows.of(q).insertIfAbsent("roles", List.of("name"), List.of(Map.of("name", "admin"), Map.of("name", "customer")));
 *     }
 *     public void undo(QueryInterface q) { q.sql("DELETE FROM roles WHERE name IN ('admin', 'customer')"); }
 * }}</pre>
 *
 * <p>Seeders run in id order, after migrations, each in its own transaction together with its row in the seed
 * history ({@code schema_seeds}), under the same lock as migrations. A tracked seeder runs once per database;
 * {@link #runAlways()} makes it run on every {@code seed}, for seeders written to be idempotent
 * ({@link dev.migrations.schema.Rows} has insert-if-absent and upsert helpers).
 */
public interface Seeder {

	/**
	 * The id: a UTC timestamp {@code YYYYMMDDHHMMSS}, an underscore and a description, e.g.
	 * {@code 20260501130000_reference_roles}. Ids order seeders and must be unique. By default read from
	 * {@link SeederId @SeederId}.
	 */
	default String id() {
		Class<?> type = MigrationIds.userClass(getClass());
		SeederId annotation = type.getAnnotation(SeederId.class);
		if (annotation == null) {
			throw new InvalidMigrationException(type.getName() + " has no id: annotate it with "
					+ "@SeederId(\"YYYYMMDDHHMMSS_description\") or override id()");
		}
		return annotation.value();
	}

	/** Inserts the data. */
	void run(QueryInterface q) throws Exception;

	/**
	 * Removes what {@link #run} inserted. A seeder that does not override it cannot be undone: seed-undo stops before
	 * it with an error and changes nothing.
	 */
	default void undo(QueryInterface q) throws Exception {
		throw new MigrationException("Seeder " + id() + " cannot be undone: it has no undo method");
	}

	/**
	 * Whether the seeder runs on every {@code seed}, not only once per database. Return {@code true} only for a seeder
	 * written to be idempotent (insert-if-absent or upsert by key), e.g. reference data that the code keeps current.
	 */
	default boolean runAlways() {
		return false;
	}

}
