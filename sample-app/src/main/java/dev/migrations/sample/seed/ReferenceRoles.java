package dev.migrations.sample.seed;

import java.util.List;
import java.util.Map;

import dev.migrations.core.Seeder;
import dev.migrations.core.SeederId;
import dev.migrations.schema.QueryInterface;
import dev.migrations.schema.Rows;

/**
 * Reference data the application needs in every environment. It is an upsert by name, so it runs on every seed
 * ({@link #runAlways()}) and keeps the descriptions in line with the code without ever duplicating a role.
 */
@SeederId("20260503100100_reference_roles")
public class ReferenceRoles implements Seeder {

	static final List<Map<String, Object>> ROLES = List.of(
			Map.of("name", "admin", "description", "Manages users, orders and settings"),
			Map.of("name", "customer", "description", "Places and follows orders"),
			Map.of("name", "support", "description", "Helps customers with their orders"));

	@Override
	public void run(QueryInterface q) {
		Rows.of(q).upsert("roles", List.of("name"), ROLES);
	}

	@Override
	public void undo(QueryInterface q) {
		Rows.of(q).delete("roles", List.of("name"), ROLES);
	}

	@Override
	public boolean runAlways() {
		return true;
	}

}
