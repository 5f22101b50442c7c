package dev.migrations.schema;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Enum types, schemas, extensions, views, functions, triggers, sequences and comments on a real PostgreSQL.
 */
class TypesAndObjectsTests extends SchemaTestSupport {

	@Test
	void createEnumAndDropIt() throws Exception {
		roundTrip((q) -> q.createEnum("order_status", "pending", "confirmed", "it's"),
				hasLinesContaining("type public.order_status e pending,confirmed,it's"));
		assertThat(this.executor.statements).contains(
				"CREATE TYPE \"order_status\" AS ENUM ('pending', 'confirmed', 'it''s')", "DROP TYPE \"order_status\"");
		assertThat(this.q.enumValues("order_status")).isEmpty();
	}

	@Test
	void dropEnumWithItsLabelsIsReversible() throws Exception {
		this.q.createEnum("mood", "happy", "sad");
		List<String> before = snapshot().lines();
		ReversibleChange drop = (q) -> q.dropEnum("mood", "happy", "sad");
		this.q.applyReversible(drop);
		assertThat(this.q.enumValues("mood")).isEmpty();
		this.q.revert(drop);
		assertThat(snapshot().lines()).isEqualTo(before);
	}

	@Test
	void addEnumValueLastBeforeAfterAndIfNotExistsThenRemoveThem() throws Exception {
		this.q.createEnum("order_status", "pending", "shipped");
		this.q.createTable("orders", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.enumColumn("status", "order_status").notNull().defaultValue("pending");
			t.column("history", DataType.enumType("order_status").array());
		});
		this.q.addIndex("orders", IndexDefinition.index("status"));
		this.q.bulkInsert("orders", List.of(Map.of("status", new EnumText("shipped"))));
		roundTrip((q) -> {
			q.addEnumValue("order_status", "delivered");
			q.addEnumValue("order_status", EnumValue.of("confirmed").before("shipped"));
			q.addEnumValue("order_status", EnumValue.of("packed").after("confirmed"));
		}, (q) -> {
			q.removeEnumValue("order_status", "packed");
			q.removeEnumValue("order_status", "confirmed");
			q.removeEnumValue("order_status", "delivered");
		}, hasLinesContaining("type public.order_status e pending,confirmed,packed,shipped,delivered"));
		assertThat(this.executor.statements).contains("ALTER TYPE \"order_status\" ADD VALUE 'delivered'",
				"ALTER TYPE \"order_status\" ADD VALUE 'confirmed' BEFORE 'shipped'",
				"ALTER TYPE \"order_status\" ADD VALUE 'packed' AFTER 'confirmed'",
				"CREATE TYPE \"order_status__new\" AS ENUM ('pending', 'shipped')",
				"ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"status\" TYPE \"order_status__new\" USING \"status\"::text::\"order_status__new\"",
				"ALTER TYPE \"order_status__new\" RENAME TO \"order_status\"");
		assertThat(jdbc().queryForObject("SELECT status::text FROM orders", String.class)).isEqualTo("shipped");
		this.q.addEnumValue("order_status", EnumValue.of("shipped").ifNotExists());
		assertThat(this.executor.last()).isEqualTo("ALTER TYPE \"order_status\" ADD VALUE IF NOT EXISTS 'shipped'");
		assertThat(this.q.enumValues("order_status")).containsExactly("pending", "shipped");
		assertThatExceptionOfType(IrreversibleOperationException.class).isThrownBy(
				() -> this.q.revert((q) -> q.addEnumValue("order_status", EnumValue.of("x").ifNotExists())));
	}

	/** Binds a label as an untyped string, so that PostgreSQL casts it to the enum. */
	static final class EnumText extends org.postgresql.util.PGobject {

		EnumText(String value) {
			setType("unknown");
			try {
				setValue(value);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Test
	void removeEnumValueInUseFails() {
		this.q.createEnum("s", "a", "b");
		this.q.createTable("t", (t) -> t.enumColumn("v", "s"));
		this.q.sql("INSERT INTO t VALUES ('b')");
		org.assertj.core.api.Assertions.assertThatException().isThrownBy(() -> this.q.removeEnumValue("s", "b"))
			.withMessageContaining("invalid input value for enum");
	}

	@Test
	void renameEnumValue() throws Exception {
		this.q.createEnum("order_status", "pending", "canceled");
		roundTrip((q) -> q.renameEnumValue("order_status", "canceled", "cancelled"),
				hasLinesContaining("type public.order_status e pending,cancelled"));
		assertThat(this.executor.statements).contains("ALTER TYPE \"order_status\" RENAME VALUE 'canceled' TO 'cancelled'",
				"ALTER TYPE \"order_status\" RENAME VALUE 'cancelled' TO 'canceled'");
	}

	@Test
	void schemasAndExtensions() throws Exception {
		roundTrip((q) -> {
			q.createSchema("reporting");
			q.createExtension("pg_trgm");
			q.withSchema("reporting").createExtension("citext");
		}, hasLinesContaining("schema reporting", "extension pg_trgm", "extension citext"));
		assertThat(this.executor.statements).contains("CREATE SCHEMA \"reporting\"", "CREATE EXTENSION \"pg_trgm\"",
				"CREATE EXTENSION \"citext\" SCHEMA \"reporting\"", "DROP EXTENSION \"citext\"", "DROP SCHEMA \"reporting\"");
	}

	@Test
	void viewsAndMaterializedViews() throws Exception {
		this.q.createTable("users", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("status");
		});
		this.q.createTable("posts", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.bigint("user_id");
		});
		this.q.sql("INSERT INTO users (status) VALUES ('active')");
		this.q.sql("INSERT INTO posts (user_id) SELECT id FROM users");
		roundTrip((q) -> {
			q.createView("active_users", "SELECT id FROM users WHERE status = 'active'");
			q.createMaterializedView("user_post_counts",
					"SELECT u.id AS user_id, count(p.id) AS post_count FROM users u LEFT JOIN posts p ON p.user_id = u.id GROUP BY u.id");
			q.addIndex("user_post_counts", IndexDefinition.index("user_id").unique());
			q.refreshMaterializedView("user_post_counts");
		}, (snapshot) -> {
			hasLinesContaining("relation public.active_users kind=v", "relation public.user_post_counts kind=m",
					"view public.active_users  SELECT users.id", "index public.user_post_counts_user_id_idx")
				.accept(snapshot);
			assertThat(jdbc().queryForObject("SELECT post_count FROM user_post_counts", Long.class)).isEqualTo(1L);
		});
		assertThat(this.executor.statements).contains(
				"CREATE VIEW \"active_users\" AS SELECT id FROM users WHERE status = 'active'",
				"REFRESH MATERIALIZED VIEW \"user_post_counts\"", "DROP MATERIALIZED VIEW \"user_post_counts\"",
				"DROP VIEW \"active_users\"");
		this.q.createMaterializedView("m", "SELECT 1 AS one");
		this.q.addIndex("m", IndexDefinition.index("one").unique());
		this.q.refreshMaterializedViewConcurrently("m");
		assertThat(this.executor.last()).isEqualTo("REFRESH MATERIALIZED VIEW CONCURRENTLY \"m\"");
		roundTrip((q) -> q.createView("v", "SELECT 1 AS x"), (q) -> q.dropView("v"), hasLinesContaining("relation public.v kind=v"));
		roundTrip((q) -> q.createMaterializedView("mv", "SELECT 1 AS x"), (q) -> q.dropMaterializedView("mv"),
				hasLinesContaining("relation public.mv kind=m"));
	}

	@Test
	void functionsAndTriggers() throws Exception {
		this.q.createTable("users", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("email");
			t.timestamps();
		});
		roundTrip((q) -> {
			q.createFunction("set_updated_at", (f) -> f.returns("trigger").language("plpgsql")
				.body("BEGIN NEW.updated_at = now(); RETURN NEW; END"));
			q.createTrigger("users", "users_set_updated_at",
					(t) -> t.before().onUpdate().forEachRow().execute("set_updated_at"));
			q.createFunction("add", (f) -> f.arguments("a integer, b integer").returns("integer").immutable()
				.body("SELECT a + b -- $body$"));
			q.createTrigger("users", "users_email_changed", (t) -> t.after().onInsert().onUpdate("email")
				.forEachRow().when("NEW.email IS NOT NULL").execute(TableName.of("public", "set_updated_at")));
		}, hasLinesContaining("function public.set_updated_at() ", "function public.add(a integer, b integer) ",
				"trigger public.users.users_set_updated_at CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
				"CREATE TRIGGER users_email_changed AFTER INSERT OR UPDATE OF email ON public.users FOR EACH ROW WHEN ((new.email IS NOT NULL)) EXECUTE FUNCTION set_updated_at()"));
		assertThat(this.executor.statements).contains(
				"CREATE FUNCTION \"set_updated_at\"() RETURNS trigger LANGUAGE \"plpgsql\" AS $body$BEGIN NEW.updated_at = now(); RETURN NEW; END$body$",
				"CREATE FUNCTION \"add\"(a integer, b integer) RETURNS integer LANGUAGE \"sql\" IMMUTABLE AS $body1$SELECT a + b -- $body$$body1$",
				"DROP TRIGGER \"users_set_updated_at\" ON \"users\"", "DROP FUNCTION \"add\"(a integer, b integer)");
		roundTrip((q) -> q.createFunction("one", (f) -> f.returns("integer").body("SELECT 1")),
				(q) -> q.dropFunction("one", ""), hasLinesContaining("function public.one() "));
		assertThatExceptionOfType(IrreversibleOperationException.class).isThrownBy(() -> this.q
			.revert((q) -> q.createFunction("one", (f) -> f.orReplace().returns("integer").body("SELECT 1"))));
	}

	@Test
	void sequences() throws Exception {
		this.q.createTable("invoices", (t) -> t.bigint("number"));
		roundTrip((q) -> {
			q.createSequence("plain");
			q.createSequence("invoice_numbers", (s) -> s.as(DataType.integer()).startWith(1000).incrementBy(10)
				.minValue(1000).maxValue(999999).cache(5).cycle().ownedBy("invoices", "number"));
		}, hasLinesContaining("sequence public.plain bigint start=1 min=1 max=9223372036854775807 increment=1 cycle=false cache=1",
				"sequence public.invoice_numbers integer start=1000 min=1000 max=999999 increment=10 cycle=true cache=5",
				"owned public.invoice_numbers by invoices.number a"));
		assertThat(this.executor.statements).contains(
				"CREATE SEQUENCE \"invoice_numbers\" AS integer INCREMENT BY 10 MINVALUE 1000 MAXVALUE 999999 START WITH 1000 CACHE 5 CYCLE OWNED BY \"invoices\".\"number\"",
				"DROP SEQUENCE \"plain\"");
	}

	@Test
	void comments() throws Exception {
		this.q.createTable("users", (t) -> t.text("email"));
		roundTrip((q) -> {
			q.commentOnTable("users", "People who sign in; don't delete");
			q.commentOnColumn("users", "email", "Lower-cased ✓");
		}, (q) -> {
			q.commentOnTable("users", null);
			q.commentOnColumn("users", "email", null);
		}, hasLinesContaining("comment public.users.0 People who sign in; don't delete", "comment public.users.1 Lower-cased ✓"));
		assertThat(this.executor.statements).contains("COMMENT ON TABLE \"users\" IS 'People who sign in; don''t delete'",
				"COMMENT ON COLUMN \"users\".\"email\" IS NULL");
	}

}
