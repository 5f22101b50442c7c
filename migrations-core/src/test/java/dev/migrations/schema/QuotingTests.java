package dev.migrations.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No SQL text carries a caller's value or an unquoted identifier: names and values with quotes, semicolons, dots,
 * backslashes and unicode round-trip through every kind of operation.
 */
class QuotingTests extends SchemaTestSupport {

	private static final String SCHEMA = "sch\"ema; DROP SCHEMA public CASCADE; --";

	private static final String TABLE = "Ta\"ble'; DROP TABLE x; -- ünï.cødé ✓";

	private static final String COLUMN = "co\"l;umn 'x' \\ ñ";

	private static final String VALUE = "va'lue\"; DROP TABLE users; -- \\ \\' ünï ✓ $$ $body$";

	@Test
	void identifiersAndValuesRoundTrip() throws Exception {
		List<String> before = snapshot().lines();
		ReversibleChange change = (q) -> {
			q.createSchema(SCHEMA);
			QueryInterface s = q.withSchema(SCHEMA);
			s.createEnum("en\"um;", VALUE, "plain");
			s.createTable(TABLE, (t) -> {
				t.bigIdentity("id").primaryKey();
				t.text(COLUMN).notNull().defaultValue(VALUE);
				t.enumColumn("mood'", "en\"um;").defaultValue(VALUE);
			});
			s.addColumn(TABLE, "second \"col\"", DataType.text(), (c) -> c.defaultValue(VALUE));
			s.addIndex(TABLE, IndexDefinition.index(COLUMN).name("in\"dex; --"));
			s.addConstraint(TABLE, ConstraintDefinition.unique(COLUMN, "second \"col\""));
			s.renameColumn(TABLE, "second \"col\"", "third ;'col'");
			s.createView("vi\"ew", "SELECT 1 AS one");
			s.createSequence("se\"q;");
		};
		this.q.applyReversible(change);
		QueryInterface s = this.q.withSchema(SCHEMA);
		assertThat(s.listTables()).containsExactly(TABLE);
		TableDescription table = s.describeTable(TABLE);
		assertThat(table.schema()).isEqualTo(SCHEMA);
		assertThat(table.columns()).extracting(ColumnDescription::name).containsExactly("id", COLUMN, "mood'", "third ;'col'");
		assertThat(s.enumValues("en\"um;")).containsExactly(VALUE, "plain");
		assertThat(s.listIndexes(TABLE)).contains("in\"dex; --");
		s.commentOnTable(TABLE, VALUE);
		s.commentOnColumn(TABLE, COLUMN, VALUE);
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("third ;'col'", VALUE);
		assertThat(s.bulkInsert(TABLE, List.of(row))).isEqualTo(1);
		assertThat(s.bulkUpdate(TABLE, Map.of("third ;'col'", VALUE + "!"), Map.of(COLUMN, VALUE))).isEqualTo(1);
		List<Map<String, Object>> rows = s.query("SELECT * FROM " + "\"" + SCHEMA.replace("\"", "\"\"") + "\".\""
				+ TABLE.replace("\"", "\"\"") + "\"");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).containsEntry(COLUMN, VALUE).containsEntry("third ;'col'", VALUE + "!");
		assertThat(rows.get(0).get("mood'")).hasToString(VALUE);
		assertThat(jdbc().queryForObject("SELECT obj_description(c.oid, 'pg_class') FROM pg_class c WHERE relname = ?",
				String.class, TABLE)).isEqualTo(VALUE);
		assertThat(s.bulkDelete(TABLE, Map.of(COLUMN, VALUE))).isEqualTo(1);
		for (String sql : this.executor.statements) {
			assertThat(sql).as("no value outside a literal or a parameter").doesNotContain("DROP TABLE users; --\"");
		}
		assertThat(jdbc().queryForList("SELECT nspname FROM pg_namespace WHERE nspname = 'public'", String.class))
			.containsExactly("public");
		this.q.revert(change);
		assertThat(snapshot().lines()).isEqualTo(before);
	}

	@Test
	void namesAreNeverSplitOnDots() {
		this.q.createTable("app.orders", (t) -> t.text("a.b"));
		assertThat(this.executor.last()).isEqualTo("CREATE TABLE \"app.orders\" (\n  \"a.b\" text\n)");
		assertThat(this.q.tableExists("app.orders")).isTrue();
		assertThat(this.q.describeTable("app.orders").columns()).extracting(ColumnDescription::name).containsExactly("a.b");
	}

}
