package dev.migrations.schema;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.migrations.schema.IndexColumn.column;
import static dev.migrations.schema.IndexDefinition.expression;
import static dev.migrations.schema.IndexDefinition.index;
import static dev.migrations.schema.IndexDefinition.on;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index operations on a real PostgreSQL.
 */
class IndexOperationsTests extends SchemaTestSupport {

	@BeforeEach
	void tables() {
		this.q.createTable("users", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("email").notNull();
			t.text("status");
			t.jsonb("metadata");
			t.timestamps();
		});
		this.q.createTable("orders", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.bigint("customer_id");
			t.text("status");
			t.decimal("total", 10, 2);
			t.timestamps();
		});
	}

	@Test
	void simpleNamedUniqueAndCompositeIndexes() throws Exception {
		roundTrip((q) -> {
			q.addIndex("orders", index("customer_id"));
			q.addIndex("orders", index("status").name("orders_status_idx"));
			q.addIndex("users", index("email").unique().name("users_email_unique"));
			q.addIndex("orders", index("customer_id", "created_at"));
		}, hasLinesContaining(
				"index public.orders_customer_id_idx CREATE INDEX orders_customer_id_idx ON public.orders USING btree (customer_id)",
				"index public.orders_status_idx CREATE INDEX orders_status_idx ON public.orders USING btree (status)",
				"index public.users_email_unique CREATE UNIQUE INDEX users_email_unique ON public.users USING btree (email)",
				"CREATE INDEX orders_customer_id_created_at_idx ON public.orders USING btree (customer_id, created_at)"));
		assertThat(this.executor.statements).contains(
				"CREATE INDEX \"orders_customer_id_idx\" ON \"orders\" (\"customer_id\")",
				"CREATE UNIQUE INDEX \"users_email_unique\" ON \"users\" (\"email\")",
				"DROP INDEX \"orders_customer_id_created_at_idx\"");
	}

	@Test
	void partialExpressionOrderedAndIncludeIndexes() throws Exception {
		roundTrip((q) -> {
			q.addIndex("orders", index("customer_id").where("status = 'active'").name("orders_active_customer_idx"));
			q.addIndex("users", expression("lower(email)").unique());
			q.addIndex("orders", on(column("customer_id"), column("created_at").desc().nullsLast()).include("total"));
			q.addIndex("users", on(column("email").opclass("text_pattern_ops").asc().nullsFirst()));
		}, hasLinesContaining(
				"CREATE INDEX orders_active_customer_idx ON public.orders USING btree (customer_id) WHERE (status = 'active'::text)",
				"index public.users_lower_email_idx CREATE UNIQUE INDEX users_lower_email_idx ON public.users USING btree (lower(email))",
				"CREATE INDEX orders_customer_id_created_at_idx ON public.orders USING btree (customer_id, created_at DESC NULLS LAST) INCLUDE (total)",
				"CREATE INDEX users_email_idx ON public.users USING btree (email text_pattern_ops NULLS FIRST)"));
		assertThat(this.executor.statements).contains(
				"CREATE UNIQUE INDEX \"users_lower_email_idx\" ON \"users\" ((lower(email)))",
				"CREATE INDEX \"orders_customer_id_created_at_idx\" ON \"orders\" (\"customer_id\", \"created_at\" DESC NULLS LAST) INCLUDE (\"total\")");
	}

	@Test
	void indexMethods() throws Exception {
		roundTrip((q) -> {
			q.addIndex("users", index("metadata").using(IndexMethod.GIN).name("users_metadata_gin"));
			q.addIndex("users", on(column("metadata").opclass("jsonb_path_ops")).using(IndexMethod.GIN));
			q.addIndex("orders", index("created_at").using(IndexMethod.BRIN));
			q.addIndex("orders", index("status").using(IndexMethod.HASH));
			q.addIndex("orders", index("id").using(IndexMethod.BTREE).name("orders_id_btree"));
			q.createExtension("btree_gist");
			q.addIndex("orders", index("customer_id").using(IndexMethod.GIST));
			q.createExtension("bloom");
			q.addIndex("orders", index("status").using("bloom").name("orders_bloom"));
		}, hasLinesContaining("CREATE INDEX users_metadata_gin ON public.users USING gin (metadata)",
				"USING gin (metadata jsonb_path_ops)", "USING brin (created_at)", "USING hash (status)",
				"USING gist (customer_id)", "CREATE INDEX orders_bloom ON public.orders USING bloom (status)"));
		assertThat(this.executor.statements).contains(
				"CREATE INDEX \"users_metadata_gin\" ON \"users\" USING gin (\"metadata\")",
				"CREATE INDEX \"orders_bloom\" ON \"orders\" USING \"bloom\" (\"status\")");
	}

	@Test
	void concurrentIndexesRunOutsideATransaction() throws Exception {
		IndexDefinition concurrent = index("customer_id").concurrently().ifNotExists();
		SqlStatement create = concurrent.createOn(new dev.migrations.dialect.PostgresDialect(), null, "orders");
		assertThat(create.transactional()).isFalse();
		assertThat(create.sql()).isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"orders_customer_id_idx\" ON \"orders\" (\"customer_id\")");
		roundTrip((q) -> q.addIndex("orders", concurrent),
				hasLinesContaining("index-state public.orders_customer_id_idx valid=true"));
		assertThat(this.executor.last()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS \"orders_customer_id_idx\"");
		roundTrip((q) -> q.addIndex("orders", index("status").name("by_status").concurrently()),
				(q) -> q.removeIndexConcurrently("by_status"), hasLinesContaining("index public.by_status"));
		assertThat(this.executor.last()).isEqualTo("DROP INDEX CONCURRENTLY \"by_status\"");
	}

	@Test
	void removeIndexByNameAndListIndexes() throws Exception {
		roundTrip((q) -> q.addIndex("orders", index("status")), (q) -> q.removeIndex("orders_status_idx"),
				hasLinesContaining("index public.orders_status_idx"));
		this.q.addIndex("orders", index("status"));
		assertThat(this.q.listIndexes("orders")).containsExactly("orders_pkey", "orders_status_idx");
	}

	@Test
	void defaultNamesAreDeterministicAndFit63Bytes() {
		assertThat(index("a", "b").nameOn("t")).isEqualTo("t_a_b_idx");
		assertThat(expression("lower(email)").nameOn("users")).isEqualTo("users_lower_email_idx");
		assertThat(expression("(a + b) * 2").nameOn("t")).isEqualTo("t_a_b_2_idx");
		String longName = index("a_really_long_column_name_number_one", "a_really_long_column_name_number_two")
			.nameOn("a_table_with_a_long_name");
		assertThat(longName.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
		assertThat(longName).matches("a_table_with_a_long_name_a_really_long_column_name_num_[0-9a-f]{8}")
			.isEqualTo(index("a_really_long_column_name_number_one", "a_really_long_column_name_number_two")
				.nameOn("a_table_with_a_long_name"));
	}

}
