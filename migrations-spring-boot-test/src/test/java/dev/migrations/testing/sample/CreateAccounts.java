package dev.migrations.testing.sample;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.schema.QueryInterface;

@MigrationId("20260801090000_create_accounts")
public class CreateAccounts implements Migration {

	@Override
	public void up(QueryInterface q) {
		q.createTable("accounts", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("email").notNull().unique();
		});
	}

	@Override
	public void down(QueryInterface q) {
		q.dropTable("accounts");
	}

}
