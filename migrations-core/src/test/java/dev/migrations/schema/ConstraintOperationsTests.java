package dev.migrations.schema;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.migrations.schema.ConstraintDefinition.check;
import static dev.migrations.schema.ConstraintDefinition.foreignKey;
import static dev.migrations.schema.ConstraintDefinition.primaryKey;
import static dev.migrations.schema.ConstraintDefinition.unique;
import static dev.migrations.schema.ConstraintDefinition.uniqueUsingIndex;
import static dev.migrations.schema.IndexDefinition.index;
import static dev.migrations.schema.ReferentialAction.CASCADE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Constraint operations on a real PostgreSQL.
 */
class ConstraintOperationsTests extends SchemaTestSupport {

	@BeforeEach
	void tables() {
		this.q.createTable("customers", (t) -> t.bigIdentity("id").primaryKey());
		this.q.createTable("orders", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.bigint("customer_id");
			t.text("status");
		});
		this.q.createTable("products", (t) -> {
			t.bigint("id").notNull();
			t.decimal("price", 10, 2);
		});
		this.q.createTable("order_items", (t) -> {
			t.bigint("order_id");
			t.bigint("product_id");
		});
	}

	@Test
	void foreignKeyWithActionsAndDeferrable() throws Exception {
		roundTrip((q) -> {
			q.addConstraint("orders", foreignKey("customer_id").references("customers", "id").name("orders_customer_id_fkey")
				.onDelete(CASCADE).onUpdate(CASCADE));
			q.addConstraint("order_items", foreignKey("order_id").references("orders", "id").initiallyDeferred());
		}, hasLinesContaining(
				"constraint public.orders orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers(id) ON UPDATE CASCADE ON DELETE CASCADE validated=true",
				"constraint public.order_items order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED"));
		assertThat(this.executor.statements).contains(
				"ALTER TABLE \"orders\" ADD CONSTRAINT \"orders_customer_id_fkey\" FOREIGN KEY (\"customer_id\") REFERENCES \"customers\" (\"id\") ON DELETE CASCADE ON UPDATE CASCADE",
				"ALTER TABLE \"orders\" DROP CONSTRAINT \"orders_customer_id_fkey\"");
	}

	@Test
	void notValidForeignKeyThenValidate() throws Exception {
		this.q.bulkInsert("customers", List.of(Map.of("id", 1)));
		this.q.bulkInsert("orders", List.of(Map.of("customer_id", 1)));
		roundTrip((q) -> q.addConstraint("orders", foreignKey("customer_id").references("customers", "id").notValid()),
				hasLinesContaining("orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers(id) NOT VALID validated=false"));
		roundTrip((q) -> {
			q.addConstraint("orders", foreignKey("customer_id").references("customers", "id").notValid());
			q.validateConstraint("orders", "orders_customer_id_fkey");
		}, hasLinesContaining("orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers(id) validated=true"));
		assertThat(this.executor.statements).contains("ALTER TABLE \"orders\" VALIDATE CONSTRAINT \"orders_customer_id_fkey\"");
	}

	@Test
	void checkConstraintsIncludingNotValid() throws Exception {
		roundTrip((q) -> {
			q.addConstraint("products", check("products_price_positive", "price > 0"));
			q.addConstraint("orders", check("orders_status_valid",
					"status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled')").notValid());
		}, hasLinesContaining("constraint public.products products_price_positive CHECK ((price > (0)::numeric)) validated=true",
				"orders_status_valid CHECK ((status = ANY (ARRAY['pending'::text, 'confirmed'::text, 'shipped'::text, 'delivered'::text, 'cancelled'::text]))) NOT VALID validated=false"));
	}

	@Test
	void uniqueAndPrimaryKeyConstraints() throws Exception {
		roundTrip((q) -> {
			q.addConstraint("order_items", unique("order_id", "product_id").name("order_items_order_product_unique"));
			q.addConstraint("products", primaryKey("id"));
		}, hasLinesContaining(
				"constraint public.order_items order_items_order_product_unique UNIQUE (order_id, product_id)",
				"constraint public.products products_pkey PRIMARY KEY (id)"));
	}

	@Test
	void uniqueUsingAnIndexBuiltBefore() throws Exception {
		this.q.addIndex("order_items", index("order_id", "product_id").unique().name("order_items_uq"));
		java.util.List<String> before = snapshot().lines();
		this.q.addConstraint("order_items", uniqueUsingIndex("order_items_uq"));
		assertThat(snapshot().lines()).contains("constraint public.order_items order_items_uq UNIQUE (order_id, product_id) validated=true");
		assertThat(this.executor.last()).isEqualTo("ALTER TABLE \"order_items\" ADD CONSTRAINT \"order_items_uq\" UNIQUE USING INDEX \"order_items_uq\"");
		// Dropping the constraint drops its index too; re-creating the index restores the schema.
		this.q.removeConstraint("order_items", "order_items_uq");
		this.q.addIndex("order_items", index("order_id", "product_id").unique().name("order_items_uq"));
		assertThat(snapshot().lines()).isEqualTo(before);
	}

	@Test
	void listConstraints() {
		this.q.addConstraint("orders", foreignKey("customer_id").references("customers", "id").notValid());
		this.q.addConstraint("orders", check("orders_status_set", "status IS NOT NULL"));
		assertThat(this.q.listConstraints("orders")).containsExactly(
				new ConstraintDescription("orders_customer_id_fkey", "FOREIGN KEY",
						"FOREIGN KEY (customer_id) REFERENCES customers(id) NOT VALID", false),
				new ConstraintDescription("orders_pkey", "PRIMARY KEY", "PRIMARY KEY (id)", true),
				new ConstraintDescription("orders_status_set", "CHECK", "CHECK ((status IS NOT NULL))", true));
	}

	@Test
	void removeConstraintByDefinitionIsReversible() throws Exception {
		this.q.addConstraint("orders", foreignKey("customer_id").references("customers", "id"));
		java.util.List<String> before = snapshot().lines();
		ReversibleChange remove = (q) -> q.removeConstraint("orders", foreignKey("customer_id").references("customers", "id"));
		this.q.applyReversible(remove);
		assertThat(this.q.listConstraints("orders")).extracting(ConstraintDescription::name).containsExactly("orders_pkey");
		this.q.revert(remove);
		assertThat(snapshot().lines()).isEqualTo(before);
		assertThatExceptionOfType(IrreversibleOperationException.class)
			.isThrownBy(() -> this.q.revert((q) -> q.removeConstraint("orders", "orders_customer_id_fkey")))
			.withMessageContaining("removeConstraint(orders, orders_customer_id_fkey) has no known inverse");
	}

}
