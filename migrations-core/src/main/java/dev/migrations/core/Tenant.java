package dev.migrations.core;

import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * One tenant of a {@link Fleet}: a schema on the application's database, or a database of its own (then optionally a
 * schema in it). Its history table and schema lock live in its schema, so that each tenant is migrated, locked and
 * recorded on its own.
 *
 * @param name the tenant's name, unique in the fleet: what reports, selections and the endpoint call it
 * @param schema the tenant's schema: where its history table and lock live, and the {@code search_path} of its runs;
 * {@code null} (only with a DataSource of its own) for that connection's current schema
 * @param dataSource where the tenant's connections come from, {@code null} for the fleet's DataSource; called when
 * the tenant's run starts, and closed when it ends when the DataSource is {@link AutoCloseable} (a small pool per
 * tenant that lives as long as its run)
 */
public record Tenant(String name, @Nullable String schema, @Nullable Supplier<? extends DataSource> dataSource) {

	/** The longest tenant name: the longest PostgreSQL identifier. */
	static final int MAX_NAME_LENGTH = 63;

	/**
	 * Checks the tenant.
	 * @throws IllegalArgumentException for a blank or overlong name or schema, or a tenant without schema and DataSource
	 */
	public Tenant {
		Objects.requireNonNull(name, "name");
		if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("A tenant name must be 1 to " + MAX_NAME_LENGTH + " characters, was '"
					+ ((name.length() > 100) ? name.substring(0, 100) + "..." : name) + "'");
		}
		if (schema != null && (schema.isBlank() || schema.length() > MAX_NAME_LENGTH)) {
			throw new IllegalArgumentException("The schema of tenant '" + name + "' must be 1 to " + MAX_NAME_LENGTH
					+ " characters");
		}
		if (schema == null && dataSource == null) {
			throw new IllegalArgumentException("Tenant '" + name + "' needs a schema or a DataSource of its own");
		}
	}

	/** A tenant that is the schema of the same name on the fleet's database. */
	public static Tenant schema(String schema) {
		return new Tenant(schema, schema, null);
	}

	/** A tenant that is a schema on the fleet's database. */
	public static Tenant schema(String name, String schema) {
		return new Tenant(name, Objects.requireNonNull(schema, "schema"), null);
	}

	/**
	 * A tenant with a database of its own, migrated in its connections' current schema.
	 * @param dataSource called when the tenant's run starts; what it returns is closed when the run ends if it is
	 * {@link AutoCloseable}
	 */
	public static Tenant database(String name, Supplier<? extends DataSource> dataSource) {
		return new Tenant(name, null, Objects.requireNonNull(dataSource, "dataSource"));
	}

	/** Whether the tenant has a database of its own. */
	public boolean hasOwnDatabase() {
		return this.dataSource != null;
	}

	@Override
	public String toString() {
		return "Tenant '" + this.name + "'" + ((this.schema != null) ? " (schema " + this.schema + ")" : " (own database)");
	}

}
