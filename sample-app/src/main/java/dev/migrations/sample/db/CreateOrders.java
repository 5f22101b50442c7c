package dev.migrations.sample.db;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.schema.QueryInterface;

import static dev.migrations.schema.IndexDefinition.index;
import static dev.migrations.schema.ReferentialAction.CASCADE;

@MigrationId("20260501120100_create_orders")
public class CreateOrders implements Migration {

	@Override
	public void up(QueryInterface q) {
		q.createTable("orders", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.bigint("user_id").notNull().references("users", "id").onDelete(CASCADE);
			// varchar, not text: MariaDB and MySQL index a text column only by a prefix.
			t.varchar("status", 20).notNull().defaultValue("pending");
			t.decimal("total", 10, 2).notNull().check("total >= 0");
			t.timestamps();
		});
		q.addIndex("orders", index("user_id"));
		q.addIndex("orders", index("status", "created_at").name("orders_status_created_at_idx"));
	}

	@Override
	public void down(QueryInterface q) {
		q.dropTable("orders");
	}

}
