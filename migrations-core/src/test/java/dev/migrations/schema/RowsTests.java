package dev.migrations.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Rows} on a real PostgreSQL: idempotent inserts, upserts, deletes by key and large batches.
 */
class RowsTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private JdbcTemplate jdbc;

	@BeforeEach
	void reset() {
		db.reset();
		this.jdbc = db.jdbc();
		this.jdbc.execute("CREATE TABLE roles (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
				+ "name text NOT NULL UNIQUE, label text, rank integer)");
	}

	private static Map<String, Object> role(String name, String label, Integer rank) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("name", name);
		row.put("label", label);
		row.put("rank", rank);
		return row;
	}

	private List<Map<String, Object>> roles() {
		return this.jdbc.queryForList("SELECT name, label, rank FROM roles ORDER BY name");
	}

	@Test
	void insertIfAbsentTwiceKeepsOneCopyAndLeavesExistingRowsAlone() {
		Rows rows = Rows.of(this.jdbc, null);
		List<Map<String, Object>> data = List.of(role("admin", "Administrator", 1), role("customer", "Customer", 2));
		assertThat(rows.insertIfAbsent("roles", List.of("name"), data)).isEqualTo(2);
		this.jdbc.update("UPDATE roles SET label = 'Boss' WHERE name = 'admin'");
		List<Map<String, Object>> more = List.of(role("admin", "Administrator", 1), role("support", "Support", 3));
		assertThat(rows.insertIfAbsent("roles", List.of("name"), more)).isEqualTo(1);
		assertThat(roles()).extracting((r) -> r.get("name") + "=" + r.get("label"))
			.containsExactly("admin=Boss", "customer=Customer", "support=Support");
	}

	@Test
	void upsertUpdatesChangedRowsOnlyAndTheLastDuplicateWins() {
		Rows rows = Rows.of(this.jdbc, null);
		rows.upsert("roles", List.of("name"), List.of(role("admin", "Administrator", 1), role("customer", "Customer", 2)));
		long xmin = this.jdbc.queryForObject("SELECT xmin::text::bigint FROM roles WHERE name = 'customer'", Long.class);
		long changed = rows.upsert("roles", List.of("name"), List.of(role("admin", "Admin", 1),
				role("customer", "Customer", 2), role("support", "Support", null), role("support", "Helpdesk", 3)));
		assertThat(changed).isEqualTo(2);
		assertThat(roles()).extracting((r) -> r.get("name") + "=" + r.get("label") + "/" + r.get("rank"))
			.containsExactly("admin=Admin/1", "customer=Customer/2", "support=Helpdesk/3");
		assertThat(this.jdbc.queryForObject("SELECT xmin::text::bigint FROM roles WHERE name = 'customer'", Long.class))
			.as("an unchanged row is not rewritten")
			.isEqualTo(xmin);
		assertThat(rows.upsert("roles", List.of("name"), List.of(role("admin", "Admin", 1)))).isZero();
	}

	@Test
	void deleteByKeyUndoesTheInsert() {
		Rows rows = Rows.of(this.jdbc, null);
		List<Map<String, Object>> data = List.of(role("admin", "Administrator", 1), role("customer", "Customer", 2));
		rows.insertIfAbsent("roles", List.of("name"), data);
		rows.insertIfAbsent("roles", List.of("name"), List.of(role("keep", null, null)));
		assertThat(rows.delete("roles", List.of("name"), data)).isEqualTo(2);
		assertThat(roles()).extracting((r) -> r.get("name")).containsExactly("keep");
	}

	@Test
	void identifiersAreQuotedAndValuesBound() {
		this.jdbc.execute("CREATE SCHEMA \"odd schema\"");
		this.jdbc.execute("CREATE TABLE \"odd schema\".\"we\"\"ird\" (\"Key\" text PRIMARY KEY, \"va lue\" text)");
		Map<String, Object> row = new HashMap<>();
		row.put("Key", "k'); DROP TABLE roles; --");
		row.put("va lue", "v");
		Rows rows = Rows.of(this.jdbc, "odd schema");
		assertThat(rows.insertIfAbsent("we\"ird", List.of("Key"), List.of(row))).isEqualTo(1);
		assertThat(rows.upsert("we\"ird", List.of("Key"), List.of(Map.of("Key", "k'); DROP TABLE roles; --", "va lue", "w"))))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT \"va lue\" FROM \"odd schema\".\"we\"\"ird\"", String.class))
			.isEqualTo("w");
		assertThat(roles()).isEmpty();
	}

	@Test
	void hundredThousandRowsInBatchesAndAgainWithoutDuplicates() {
		this.jdbc.execute("CREATE TABLE items (sku text PRIMARY KEY, name text NOT NULL, price numeric(10, 2))");
		List<Object[]> items = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			items.add(new Object[] { "sku-" + i, "item " + i, new java.math.BigDecimal(i % 1000).movePointLeft(2) });
		}
		Rows rows = Rows.of(this.jdbc, null);
		List<String> columns = List.of("sku", "name", "price");
		assertThat(rows.insertIfAbsent("items", List.of("sku"), columns, items)).isEqualTo(100_000);
		assertThat(rows.insertIfAbsent("items", List.of("sku"), columns, items)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM items", Integer.class)).isEqualTo(100_000);
		assertThat(rows.batchSize(7).upsert("items", List.of("sku"), columns, items.subList(0, 50))).isZero();
	}

	@Test
	void rowsMustShareTheirColumns() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Rows.of(this.jdbc, null)
				.insertIfAbsent("roles", List.of("name"), List.of(Map.of("name", "a"), Map.of("label", "b"))))
			.withMessageContaining("Row 1 for roles");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Rows.of(this.jdbc, null).upsert("roles", List.of(), List.of(Map.of("name", "a"))))
			.withMessageContaining("key columns");
	}

}
