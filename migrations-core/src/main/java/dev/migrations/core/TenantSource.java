package dev.migrations.core;

import java.util.List;

/**
 * Where a {@link Fleet} finds its tenants; asked again at every fleet run, so that a tenant added since the last run
 * (a row in a tenants table, a new schema) is migrated by the next one.
 */
@FunctionalInterface
public interface TenantSource {

	/** The tenants, each name once. */
	List<Tenant> tenants();

	/** A fixed list of tenants. */
	static TenantSource of(List<Tenant> tenants) {
		List<Tenant> copy = List.copyOf(tenants);
		return () -> copy;
	}

}
