package dev.migrations.sample.db;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.schema.QueryInterface;

/**
 * The roles table; its rows are reference data, kept by the {@code ReferenceRoles} seeder.
 */
@MigrationId("20260503100000_create_roles")
public class CreateRoles implements Migration {

	@Override
	public void up(QueryInterface q) {
		q.createTable("roles", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("name").notNull().unique();
			t.text("description").notNull();
			t.timestamps();
		});
	}

	@Override
	public void down(QueryInterface q) {
		q.dropTable("roles");
	}

}
