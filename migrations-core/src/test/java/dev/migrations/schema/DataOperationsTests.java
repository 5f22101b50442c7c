package dev.migrations.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Data operations on a real PostgreSQL: values always travel as bound parameters.
 */
class DataOperationsTests extends SchemaTestSupport {

	@BeforeEach
	void products() {
		this.q.createTable("products", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("sku").notNull().unique();
			t.text("name");
			t.decimal("price", 10, 2);
		});
	}

	private static List<Map<String, Object>> rows(int count) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("sku", "sku-" + i);
			row.put("name", "Product " + i);
			row.put("price", new java.math.BigDecimal(i + ".50"));
			rows.add(row);
		}
		return rows;
	}

	@Test
	void bulkInsertUsesBoundParametersInJdbcBatches() {
		int inserted = this.q.bulkInsert("products", rows(25), (o) -> o.batchSize(10));
		assertThat(inserted).isEqualTo(25);
		assertThat(this.executor.batches).isEqualTo(3);
		assertThat(this.executor.last())
			.isEqualTo("INSERT INTO \"products\" (\"sku\", \"name\", \"price\") VALUES (?, ?, ?)");
		assertThat(jdbc().queryForObject("SELECT count(*) FROM products", Integer.class)).isEqualTo(25);
		assertThat(jdbc().queryForObject("SELECT price FROM products WHERE sku = 'sku-3'", java.math.BigDecimal.class))
			.isEqualByComparingTo("3.50");
	}

	@Test
	void bulkInsertIgnoringDuplicatesAndUpserting() {
		this.q.bulkInsert("products", rows(3));
		List<Map<String, Object>> again = rows(4);
		again.forEach((row) -> row.put("name", "Renamed"));
		assertThat(this.q.bulkInsert("products", again, BulkInsertOptions::ignoreDuplicates)).isEqualTo(1);
		assertThat(this.executor.last()).endsWith("ON CONFLICT DO NOTHING");
		assertThat(jdbc().queryForList("SELECT name FROM products ORDER BY id", String.class))
			.containsExactly("Product 0", "Product 1", "Product 2", "Renamed");
		this.q.bulkInsert("products", again, (o) -> o.ignoreDuplicates("sku"));
		assertThat(this.executor.last()).endsWith("ON CONFLICT (\"sku\") DO NOTHING");
		this.q.bulkInsert("products", again, (o) -> o.upsert("sku"));
		assertThat(this.executor.last()).endsWith(
				"ON CONFLICT (\"sku\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"price\" = EXCLUDED.\"price\"");
		assertThat(jdbc().queryForList("SELECT DISTINCT name FROM products", String.class)).containsExactly("Renamed");
		again.forEach((row) -> {
			row.put("name", "Only price");
			row.put("price", java.math.BigDecimal.ONE);
		});
		this.q.bulkInsert("products", again, (o) -> o.upsert("sku").updateOnly("price"));
		assertThat(jdbc().queryForList("SELECT DISTINCT name || ' ' || price FROM products", String.class))
			.containsExactly("Renamed 1.00");
	}

	@Test
	void bulkInsertReturning() {
		List<Map<String, Object>> returned = this.q.bulkInsertReturning("products", rows(5), (o) -> o.batchSize(2), "id",
				"sku");
		assertThat(returned).hasSize(5);
		assertThat(returned.get(0)).containsEntry("sku", "sku-0").containsKey("id");
		assertThat(this.executor.statements).contains(
				"INSERT INTO \"products\" (\"sku\", \"name\", \"price\") VALUES (?, ?, ?), (?, ?, ?) RETURNING \"id\", \"sku\"");
	}

	@Test
	void bulkInsertRefusesRowsWithDifferentColumns() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.q.bulkInsert("products", List.of(Map.of("sku", "a"), Map.of("name", "b"))))
			.withMessageContaining("row 1 names [name]");
	}

	@Test
	void bulkUpdateAndBulkDelete() {
		this.q.bulkInsert("products", rows(5));
		this.q.sql("UPDATE products SET name = NULL WHERE sku = 'sku-4'");
		assertThat(this.q.bulkUpdate("products", Map.of("price", 9), Map.of("sku", List.of("sku-0", "sku-1")))).isEqualTo(2);
		assertThat(this.executor.last()).isEqualTo("UPDATE \"products\" SET \"price\" = ? WHERE \"sku\" IN (?, ?)");
		Map<String, Object> isNull = new LinkedHashMap<>();
		isNull.put("name", null);
		assertThat(this.q.bulkUpdate("products", Map.of("name", "unnamed"), isNull)).isEqualTo(1);
		assertThat(this.executor.last()).isEqualTo("UPDATE \"products\" SET \"name\" = ? WHERE \"name\" IS NULL");
		assertThat(this.q.bulkDelete("products", Map.of("price", 9))).isEqualTo(2);
		assertThat(this.executor.last()).isEqualTo("DELETE FROM \"products\" WHERE \"price\" = ?");
		assertThat(this.q.bulkDelete("products", Map.of())).isEqualTo(3);
		assertThat(this.executor.last()).isEqualTo("DELETE FROM \"products\"");
	}

	@Test
	void rawSqlWithPositionalAndNamedParameters() {
		this.q.bulkInsert("products", rows(3));
		this.q.sql("UPDATE products SET name = ? WHERE sku = ?", "first", "sku-0");
		assertThat(this.q.update("UPDATE products SET price = :price WHERE sku IN (:skus)",
				Map.of("price", 2, "skus", List.of("sku-1", "sku-2")))).isEqualTo(2);
		assertThat(this.executor.last()).isEqualTo("UPDATE products SET price = ? WHERE sku IN (?, ?)");
		this.q.sql("DELETE FROM products WHERE sku = :sku", Map.of("sku", "sku-2"));
		assertThat(this.q.update("UPDATE products SET name = ?", "all")).isEqualTo(2);
		List<Map<String, Object>> rows = this.q.query("SELECT sku, price FROM products WHERE price < :max ORDER BY sku",
				Map.of("max", 100));
		assertThat(rows).extracting((row) -> row.get("sku")).containsExactly("sku-0", "sku-1");
		assertThat(this.q.query("SELECT count(*) AS n FROM products WHERE name = ?", "all").get(0)).containsEntry("n", 2L);
		assertThat(this.q.jdbcClient().sql("SELECT count(*) FROM products").query(Integer.class).single()).isEqualTo(2);
	}

}
