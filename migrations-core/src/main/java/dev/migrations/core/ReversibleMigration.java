package dev.migrations.core;

import dev.migrations.schema.QueryInterface;

/**
 * A migration written as one {@link #change} whose operations the {@link QueryInterface} knows how to reverse, after
 * Rails' {@code change}: {@code up} runs it, {@code down} runs the inverse of each operation in reverse order.
 * <pre>{@code
 * @MigrationId("20260501120000_create_orders")
 * public class CreateOrders implements ReversibleMigration {
 *     public void change(QueryInterface q) {
 *         q.createTable("orders", t -> t.bigIdentity("id").primaryKey());
 *         q.addIndex("orders", index("created_at"));
 *     }
 * }}</pre>
 *
 * <p>An operation without a known inverse ({@code dropTable} without the table's definition, {@code changeColumn},
 * raw SQL, data changes) is refused with an {@link dev.migrations.schema.IrreversibleOperationException} when
 * {@code up} runs, before any statement: implement {@link Migration} with {@code up} and {@code down} instead.
 */
public interface ReversibleMigration extends Migration {

	/** The change, written once for both directions. */
	void change(QueryInterface q) throws Exception;

	/** Runs {@link #change} after checking that each of its operations has an inverse. */
	@Override
	default void up(QueryInterface q) throws Exception {
		q.applyReversible(this::change);
	}

	/** Runs the inverses of the operations of {@link #change}, in reverse order. */
	@Override
	default void down(QueryInterface q) throws Exception {
		q.revert(this::change);
	}

}
