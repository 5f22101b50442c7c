package dev.migrations.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.migrations.schema.ColumnChange;
import dev.migrations.schema.EnumValue;
import dev.migrations.schema.IndexMethod;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.migrations.schema.ConstraintDefinition.check;
import static dev.migrations.schema.ConstraintDefinition.foreignKey;
import static dev.migrations.schema.ConstraintDefinition.unique;
import static dev.migrations.schema.DataType.integer;
import static dev.migrations.schema.DataType.numeric;
import static dev.migrations.schema.DataType.text;
import static dev.migrations.schema.DataType.varchar;
import static dev.migrations.schema.IndexDefinition.expression;
import static dev.migrations.schema.IndexDefinition.index;
import static dev.migrations.schema.ReferentialAction.CASCADE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations of the Sequelize, knex and safe-migration guides our users come from, written with the DSL: run up,
 * all the way down to an empty schema, and up again to the identical schema.
 */
class SeedGuideMigrationsTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	static List<Migration> migrations() {
		return List.of(new CreateUsers(), new CreateProducts(), new CreateOrders(), new CreateOrderItems(), new SeedData(),
				new AddIndexes(), new AddConcurrentIndex(), new AddConstraints(), new CreateOrderStatusEnum(),
				new AddRefundedStatus(), new CreateUserOrderCounts(), new AddOrderSource(), new BackfillOrderSource(),
				new OrderSourceNotNull(), new WidenProductPrice(), new ProductStatusToInteger(), new Renames());
	}

	@Test
	void upDownToAnEmptySchemaAndUpAgain() {
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations()).build();
		CatalogSnapshot empty = CatalogSnapshot.of(db.dataSource());
		assertThat(empty.isEmptySchema()).isTrue();
		MigrationPlan plan = migrator.plan();
		assertThat(plan.migrations()).hasSize(17);
		assertThat(CatalogSnapshot.of(db.dataSource())).isEqualTo(empty);

		migrator.migrate();
		CatalogSnapshot applied = CatalogSnapshot.of(db.dataSource());
		assertThat(applied.lines()).contains("type public.order_status e pending,confirmed,processing,shipped,delivered,cancelled,refunded")
			.anyMatch((l) -> l.startsWith("column public.accounts.given_name text notnull=true"))
			.anyMatch((l) -> l.startsWith("column public.orders.source character varying(20) notnull=true"))
			.anyMatch((l) -> l.startsWith("column public.items.price numeric(12,2) notnull=true default=0"))
			.anyMatch((l) -> l.startsWith("column public.items.status integer"))
			.anyMatch((l) -> l.startsWith("index public.users_metadata_gin CREATE INDEX users_metadata_gin ON public.accounts USING gin (metadata)"))
			.anyMatch((l) -> l.startsWith("index public.users_lower_email_idx CREATE UNIQUE INDEX users_lower_email_idx ON public.accounts USING btree (lower(email))"))
			.anyMatch((l) -> l.startsWith("index public.orders_active_user_idx") && l.contains("WHERE (status = 'active'::text)"))
			.anyMatch((l) -> l.startsWith("index-state public.orders_total_idx valid=true"))
			.anyMatch((l) -> l.contains("orders_status_valid CHECK") && l.endsWith("validated=true"))
			.anyMatch((l) -> l.startsWith("relation public.user_order_counts kind=m"))
			.noneMatch((l) -> l.contains("orders_source_not_null"));
		assertThat(db.jdbc().queryForList("SELECT normalized_email FROM accounts ORDER BY id", String.class))
			.containsExactly("ada@example.com", "grace@example.com", "linus@example.com");
		assertThat(db.jdbc().queryForList("SELECT DISTINCT source FROM orders", String.class)).containsExactly("api");
		assertThat(db.jdbc().queryForList("SELECT status FROM items ORDER BY id", Integer.class)).containsExactly(1, 0, -1);
		assertThat(db.jdbc().queryForObject("SELECT order_count FROM user_order_counts WHERE user_id = 1", Long.class))
			.isEqualTo(2L);
		assertThat(db.jdbc().queryForObject("SELECT script FROM schema_migrations WHERE id = ?", String.class,
				"20260101001100_create_user_order_counts")).contains("CREATE MATERIALIZED VIEW \"user_order_counts\"");

		migrator.undoAll();
		CatalogSnapshot undone = CatalogSnapshot.of(db.dataSource());
		assertThat(undone.lines()).isEqualTo(empty.lines());
		assertThat(undone.isEmptySchema()).isTrue();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
				+ "WHERE n.nspname = 'public' AND t.typtype = 'e'", Integer.class)).isZero();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_sequences WHERE schemaname = 'public'", Integer.class))
			.isZero();

		migrator.migrate();
		assertThat(CatalogSnapshot.of(db.dataSource()).lines()).isEqualTo(applied.lines());
	}

	@MigrationId("20260101000100_create_users")
	static class CreateUsers implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.createTable("users", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.text("email").notNull().unique();
				t.text("first_name").notNull();
				t.text("last_name").notNull();
				t.text("status").notNull().defaultValue("active");
				t.jsonb("metadata").notNull().defaultValue("{}");
				t.timestamps();
			});
			q.addIndex("users", index("status"));
			q.addIndex("users", index("created_at"));
		}

	}

	@MigrationId("20260101000200_create_products")
	static class CreateProducts implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.createTable("products", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.text("name").notNull();
				t.decimal("price", 10, 2).notNull().defaultValue(0);
				t.text("status").notNull().defaultValue("active");
			});
		}

	}

	@MigrationId("20260101000300_create_orders")
	static class CreateOrders implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.createTable("orders", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.bigint("user_id").notNull().references("users", "id").onUpdate(CASCADE).onDelete(CASCADE);
				t.text("status").notNull().defaultValue("pending");
				t.decimal("total", 10, 2).notNull();
				t.timestamps();
			});
			q.addIndex("orders", index("user_id"));
			q.addIndex("orders", index("status"));
			q.addIndex("orders", index("created_at"));
		}

	}

	@MigrationId("20260101000400_create_order_items")
	static class CreateOrderItems implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.createTable("order_items", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.bigint("order_id").notNull();
				t.bigint("product_id").notNull();
				t.integer("quantity").notNull().defaultValue(1);
			});
			q.addConstraint("order_items", foreignKey("order_id").references("orders", "id").onDelete(CASCADE));
			q.addConstraint("order_items", foreignKey("product_id").references("products", "id")
				.name("order_items_product_fk").onDelete(CASCADE).onUpdate(CASCADE));
			q.addIndex("order_items", index("product_id"));
			q.addConstraint("order_items", unique("order_id", "product_id").name("order_items_order_product_unique"));
		}

	}

	@MigrationId("20260101000500_seed_data")
	static class SeedData implements Migration {

		@Override
		public void up(QueryInterface q) {
			q.bulkInsert("users", List.of(
					Map.of("email", "Ada@Example.com", "first_name", "Ada", "last_name", "Lovelace"),
					Map.of("email", "GRACE@example.com", "first_name", "Grace", "last_name", "Hopper"),
					Map.of("email", "linus@example.com", "first_name", "Linus", "last_name", "Torvalds")));
			q.bulkInsert("products", List.of(Map.of("name", "Book", "price", new BigDecimal("12.50"), "status", "active"),
					Map.of("name", "Pen", "price", new BigDecimal("1.20"), "status", "inactive"),
					Map.of("name", "Lamp", "price", new BigDecimal("30.00"), "status", "discontinued")));
			List<Map<String, Object>> orders = q.bulkInsertReturning("orders",
					List.of(Map.of("user_id", 1, "total", new BigDecimal("13.70"), "status", "active"),
							Map.of("user_id", 1, "total", new BigDecimal("30.00"), "status", "pending"),
							Map.of("user_id", 2, "total", new BigDecimal("1.20"), "status", "pending")),
					(o) -> {
					}, "id");
			q.bulkInsert("order_items", List.of(Map.of("order_id", orders.get(0).get("id"), "product_id", 1),
					Map.of("order_id", orders.get(0).get("id"), "product_id", 2)));
		}

		@Override
		public void down(QueryInterface q) {
			q.bulkDelete("order_items", Map.of());
			q.bulkDelete("orders", Map.of());
			q.bulkDelete("products", Map.of());
			q.bulkDelete("users", Map.of());
			// Identity sequences restart, so that up again numbers rows the same way.
			q.sql("ALTER TABLE users ALTER COLUMN id RESTART");
			q.sql("ALTER TABLE products ALTER COLUMN id RESTART");
			q.sql("ALTER TABLE orders ALTER COLUMN id RESTART");
			q.sql("ALTER TABLE order_items ALTER COLUMN id RESTART");
		}

	}

	@MigrationId("20260101000600_add_indexes")
	static class AddIndexes implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.addIndex("orders", index("user_id", "created_at"));
			q.addIndex("orders", index("user_id").where("status = 'active'").name("orders_active_user_idx"));
			q.addIndex("users", index("email").unique().name("users_email_unique"));
			q.addIndex("users", index("metadata").using(IndexMethod.GIN).name("users_metadata_gin"));
			q.addIndex("users", expression("lower(email)").unique().name("users_lower_email_idx"));
		}

	}

	@MigrationId("20260101000700_add_concurrent_index")
	static class AddConcurrentIndex implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.addIndex("orders", index("total").concurrently().ifNotExists());
		}

		@Override
		public boolean transactional() {
			return false;
		}

	}

	@MigrationId("20260101000800_add_constraints")
	static class AddConstraints implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.addConstraint("products", check("products_price_positive", "price > 0"));
			q.addConstraint("orders", check("orders_status_valid",
					"status IN ('pending', 'active', 'confirmed', 'shipped', 'delivered', 'cancelled')").notValid());
			q.validateConstraint("orders", "orders_status_valid");
		}

	}

	@MigrationId("20260101000900_create_order_status_enum")
	static class CreateOrderStatusEnum implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.createEnum("order_status", "pending", "confirmed", "processing", "shipped", "delivered", "cancelled");
			q.addColumn("orders", "status_enum", dev.migrations.schema.DataType.enumType("order_status"),
					(c) -> c.notNull().defaultValue("pending"));
		}

	}

	@MigrationId("20260101001000_add_refunded_status")
	static class AddRefundedStatus implements Migration {

		@Override
		public void up(QueryInterface q) {
			q.addEnumValue("order_status", EnumValue.of("refunded").ifNotExists());
		}

		@Override
		public void down(QueryInterface q) {
			q.removeEnumValue("order_status", "refunded");
		}

	}

	@MigrationId("20260101001100_create_user_order_counts")
	static class CreateUserOrderCounts implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.createMaterializedView("user_order_counts", "SELECT u.id AS user_id, u.email, count(o.id) AS order_count, "
					+ "max(o.created_at) AS last_order_at FROM users u LEFT JOIN orders o ON o.user_id = u.id "
					+ "GROUP BY u.id, u.email");
			q.addIndex("user_order_counts", index("user_id").unique());
			q.refreshMaterializedView("user_order_counts");
		}

	}

	@MigrationId("20260101001200_add_order_source")
	static class AddOrderSource implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			// Step 1 of the safe NOT NULL sequence: add the column nullable, which is instant.
			q.addColumn("orders", "source", varchar(20));
			q.addColumn("users", "normalized_email", text());
		}

	}

	@MigrationId("20260101001300_backfill_order_source")
	static class BackfillOrderSource implements Migration {

		static final int BATCH = 2;

		@Override
		public void up(QueryInterface q) {
			// Step 2: backfill in small keyset pages, each a short UPDATE.
			for (String table : List.of("orders", "users")) {
				long last = 0;
				while (true) {
					List<Map<String, Object>> page = q.query("SELECT id FROM " + table + " WHERE id > ? ORDER BY id LIMIT ?",
							last, BATCH);
					if (page.isEmpty()) {
						break;
					}
					long to = ((Number) page.get(page.size() - 1).get("id")).longValue();
					if (table.equals("orders")) {
						q.update("UPDATE orders SET source = :source WHERE id > :from AND id <= :to AND source IS NULL",
								Map.of("source", "api", "from", last, "to", to));
					}
					else {
						q.update("UPDATE users SET normalized_email = lower(email) WHERE id > ? AND id <= ?", last, to);
					}
					last = to;
				}
			}
		}

		@Override
		public void down(QueryInterface q) {
			q.sql("UPDATE orders SET source = NULL");
			q.sql("UPDATE users SET normalized_email = NULL");
		}

	}

	@MigrationId("20260101001400_order_source_not_null")
	static class OrderSourceNotNull implements Migration {

		@Override
		public void up(QueryInterface q) {
			// Step 3: a NOT VALID check takes no long lock; VALIDATE scans without blocking writes; SET NOT NULL then
			// uses the validated check instead of scanning; the check is dropped once NOT NULL holds.
			q.addConstraint("orders", check("orders_source_not_null", "source IS NOT NULL").notValid());
			q.validateConstraint("orders", "orders_source_not_null");
			q.changeColumn("orders", "source", ColumnChange::notNull);
			q.removeConstraint("orders", "orders_source_not_null");
		}

		@Override
		public void down(QueryInterface q) {
			q.changeColumn("orders", "source", ColumnChange::nullable);
		}

	}

	@MigrationId("20260101001500_widen_product_price")
	static class WidenProductPrice implements Migration {

		@Override
		public void up(QueryInterface q) {
			// DECIMAL(10,2) -> DECIMAL(12,2); NOT NULL and the default stay as they are.
			q.changeColumn("products", "price", (c) -> c.type(numeric(12, 2)));
		}

		@Override
		public void down(QueryInterface q) {
			q.changeColumn("products", "price", (c) -> c.type(numeric(10, 2)));
		}

	}

	@MigrationId("20260101001600_product_status_to_integer")
	static class ProductStatusToInteger implements Migration {

		@Override
		public void up(QueryInterface q) {
			q.changeColumn("products", "status", (c) -> c.dropDefault()
				.type(integer(), "CASE WHEN status = 'active' THEN 1 WHEN status = 'inactive' THEN 0 ELSE -1 END"));
		}

		@Override
		public void down(QueryInterface q) {
			q.changeColumn("products", "status", (c) -> c.defaultValue("active")
				.type(text(), "CASE WHEN status = 1 THEN 'active' WHEN status = 0 THEN 'inactive' ELSE 'discontinued' END"));
		}

	}

	@MigrationId("20260101001700_renames")
	static class Renames implements ReversibleMigration {

		@Override
		public void change(QueryInterface q) {
			q.renameColumn("users", "first_name", "given_name");
			q.renameTable("users", "accounts");
			q.renameTable("products", "items");
		}

	}

}
