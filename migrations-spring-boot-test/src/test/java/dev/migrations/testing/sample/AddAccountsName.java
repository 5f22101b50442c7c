package dev.migrations.testing.sample;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.schema.DataType;
import dev.migrations.schema.QueryInterface;

@MigrationId("20260801090100_add_accounts_name")
public class AddAccountsName implements Migration {

	@Override
	public void up(QueryInterface q) {
		q.addColumn("accounts", "name", DataType.text());
	}

	@Override
	public void down(QueryInterface q) {
		q.removeColumn("accounts", "name");
	}

}
