package dev.migrations.sample.db;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.schema.QueryInterface;

import static dev.migrations.schema.DataType.text;

/**
 * A nullable column: PostgreSQL adds it without rewriting or long-locking the table.
 */
@MigrationId("20260502090000_add_refund_reason_to_orders")
public class AddRefundReasonToOrders implements Migration {

	@Override
	public void up(QueryInterface q) {
		q.addColumn("orders", "refund_reason", text());
	}

	@Override
	public void down(QueryInterface q) {
		q.removeColumn("orders", "refund_reason");
	}

}
