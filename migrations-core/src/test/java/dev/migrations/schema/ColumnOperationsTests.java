package dev.migrations.schema;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.migrations.schema.DataType.integer;
import static dev.migrations.schema.DataType.numeric;
import static dev.migrations.schema.DataType.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Column operations on a real PostgreSQL.
 */
class ColumnOperationsTests extends SchemaTestSupport {

	@BeforeEach
	void products() {
		this.q.createTable("products", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("name").notNull();
			t.decimal("price", 10, 2).notNull().defaultValue(0);
			t.text("status");
		});
		this.q.createTable("users", (t) -> t.bigIdentity("id").primaryKey());
	}

	@Test
	void addColumnAndItsInverse() throws Exception {
		roundTrip((q) -> {
			q.addColumn("products", "sku", text());
			q.addColumn("products", "is_active", DataType.bool(), (c) -> c.notNull().defaultValue(true));
			q.addColumn("products", "owner_id", DataType.bigint(),
					(c) -> c.references("users", "id").onDelete(ReferentialAction.SET_NULL));
		}, hasLinesContaining("column public.products.sku text notnull=false default=-",
				"column public.products.is_active boolean notnull=true default=true",
				"constraint public.products products_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE SET NULL"));
		assertThat(this.executor.statements).contains("ALTER TABLE \"products\" ADD COLUMN \"is_active\" boolean DEFAULT TRUE NOT NULL",
				"ALTER TABLE \"products\" DROP COLUMN \"is_active\"");
	}

	@Test
	void removeColumnWithItsDefinitionIsReversible() throws Exception {
		this.q.addColumn("products", "note", text(), (c) -> c.notNull().defaultValue("none"));
		java.util.List<String> before = snapshot().lines();
		ReversibleChange remove = (q) -> q.removeColumn("products", "note", text(), (c) -> c.notNull().defaultValue("none"));
		this.q.applyReversible(remove);
		assertThat(snapshot().lines()).noneMatch((line) -> line.contains("products.note"));
		this.q.revert(remove);
		assertThat(snapshot().lines()).isEqualTo(before);
	}

	@Test
	void renameColumn() throws Exception {
		roundTrip((q) -> q.renameColumn("products", "name", "full_name"),
				hasLinesContaining("column public.products.full_name text notnull=true"));
		assertThat(this.executor.statements).contains(
				"ALTER TABLE \"products\" RENAME COLUMN \"name\" TO \"full_name\"",
				"ALTER TABLE \"products\" RENAME COLUMN \"full_name\" TO \"name\"");
	}

	@Test
	void changeColumnTypeKeepsNotNullAndDefaultWhenLeftOut() throws Exception {
		roundTrip((q) -> q.changeColumn("products", "price", (c) -> c.type(numeric(12, 2))),
				(q) -> q.changeColumn("products", "price", (c) -> c.type(numeric(10, 2))),
				hasLinesContaining("column public.products.price numeric(12,2) notnull=true default=0"));
		assertThat(this.executor.statements)
			.contains("ALTER TABLE \"products\" ALTER COLUMN \"price\" TYPE numeric(12,2)");
	}

	@Test
	void changeColumnTypeWithUsing() throws Exception {
		this.q.bulkInsert("products", List.of(Map.of("name", "a", "status", "active"),
				Map.of("name", "b", "status", "inactive"), Map.of("name", "c", "status", "odd")));
		roundTrip((q) -> q.changeColumn("products", "status", (c) -> c.type(integer(),
				"CASE WHEN status = 'active' THEN 1 WHEN status = 'inactive' THEN 0 ELSE -1 END")),
				(q) -> q.changeColumn("products", "status", (c) -> c.type(text(),
						"CASE WHEN status = 1 THEN 'active' WHEN status = 0 THEN 'inactive' ELSE 'odd' END")),
				(snapshot) -> {
					hasLinesContaining("column public.products.status integer notnull=false").accept(snapshot);
					assertThat(jdbc().queryForList("SELECT status FROM products ORDER BY id", Integer.class))
						.containsExactly(1, 0, -1);
				});
		assertThat(jdbc().queryForList("SELECT status FROM products ORDER BY id", String.class))
			.containsExactly("active", "inactive", "odd");
	}

	@Test
	void changeColumnNullabilityAndDefault() throws Exception {
		roundTrip((q) -> q.changeColumn("products", "status", (c) -> c.notNull().defaultValue("draft")),
				(q) -> q.changeColumn("products", "status", (c) -> c.nullable().dropDefault()),
				hasLinesContaining("column public.products.status text notnull=true default='draft'::text"));
		assertThat(this.executor.statements).contains(
				"ALTER TABLE \"products\" ALTER COLUMN \"status\" SET DEFAULT 'draft', ALTER COLUMN \"status\" SET NOT NULL",
				"ALTER TABLE \"products\" ALTER COLUMN \"status\" DROP DEFAULT, ALTER COLUMN \"status\" DROP NOT NULL");
		roundTrip((q) -> q.changeColumn("products", "name", (c) -> c.defaultExpression("'item-' || gen_random_uuid()")),
				(q) -> q.changeColumn("products", "name", ColumnChange::dropDefault),
				hasLinesContaining("column public.products.name text notnull=true default=('item-'::text || gen_random_uuid())"));
	}

	@Test
	void changeColumnThatChangesNothingIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.q.changeColumn("products", "name", (c) -> {
		})).withMessageContaining("changes nothing");
	}

	@Test
	void changeColumnHasNoInverse() {
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IrreversibleOperationException.class)
			.isThrownBy(() -> this.q.revert((q) -> q.changeColumn("products", "name", ColumnChange::nullable)))
			.withMessageContaining("changeColumn(products, name) has no known inverse")
			.withMessageContaining("implement up and down");
	}

}
