package dev.migrations.test;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * The tests' view of {@link dev.migrations.schema.CatalogSnapshot}: the catalog of a test database, by default
 * without the migrations' own history tables ({@code schema_migrations}, {@code schema_seeds}).
 */
public final class CatalogSnapshot {

	private final dev.migrations.schema.CatalogSnapshot snapshot;

	private CatalogSnapshot(dev.migrations.schema.CatalogSnapshot snapshot) {
		this.snapshot = snapshot;
	}

	/** The catalog of the database, without the migrations' own history tables. */
	public static CatalogSnapshot of(DataSource dataSource) {
		return of(dataSource, "schema_migrations", "schema_seeds");
	}

	/** The catalog of the database, without the named tables. */
	public static CatalogSnapshot of(DataSource dataSource, String... excludedTables) {
		try {
			return new CatalogSnapshot(dev.migrations.schema.CatalogSnapshot.read(dataSource, excludedTables));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the catalog", ex);
		}
	}

	/** Whether the snapshot names nothing: no schema but {@code public}, no object. */
	public boolean isEmptySchema() {
		return lines().equals(List.of("schema public"));
	}

	public List<String> lines() {
		return this.snapshot.lines();
	}

	/** Whether the snapshot names a relation (table, view, sequence) with that name in any schema. */
	public boolean hasRelation(String name) {
		return lines().stream().anyMatch((line) -> line.startsWith("relation ") && line.contains("." + name + " kind="));
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof CatalogSnapshot catalog) && catalog.snapshot.equals(this.snapshot);
	}

	@Override
	public int hashCode() {
		return this.snapshot.hashCode();
	}

	@Override
	public String toString() {
		return this.snapshot.toString();
	}

}
