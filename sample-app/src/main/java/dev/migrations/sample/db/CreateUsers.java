package dev.migrations.sample.db;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.schema.QueryInterface;

@MigrationId("20260501120000_create_users")
public class CreateUsers implements Migration {

	@Override
	public void up(QueryInterface q) {
		q.createTable("users", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("email").notNull().unique();
			t.text("name").notNull();
			t.timestamps();
		});
	}

	@Override
	public void down(QueryInterface q) {
		q.dropTable("users");
	}

}
