package dev.migrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migrations.schema.IndexDefinition;
import dev.migrations.schema.IrreversibleOperationException;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Migrations written as one {@code change}, run and undone by the {@link Migrator}.
 */
class ReversibleMigrationTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private final List<Migration> migrations = new ArrayList<>();

	@BeforeEach
	void reset() {
		db.reset();
	}

	private Migrator migrator() {
		return Migrator.builder(db.dataSource()).migrations(this.migrations).build();
	}

	static ReversibleMigration change(String id, Fixture.Step change) {
		return new ReversibleMigration() {

			@Override
			public String id() {
				return id;
			}

			@Override
			public void change(QueryInterface q) throws Exception {
				change.run(q);
			}

		};
	}

	@Test
	void upRunsChangeAndUndoRunsTheInversesInReverseOrder() {
		this.migrations.add(Fixture.table("20260101000000_users", "users"));
		CatalogSnapshot empty = CatalogSnapshot.of(db.dataSource());
		this.migrations.add(change("20260101000001_orders", (q) -> {
			q.createEnum("order_status", "pending", "paid");
			q.createTable("orders", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.bigint("user_id").references("users", "id");
				t.enumColumn("status", "order_status").notNull().defaultValue("pending");
			});
			q.addIndex("orders", IndexDefinition.index("user_id"));
			q.addColumn("users", "name", dev.migrations.schema.DataType.text());
			q.renameColumn("users", "name", "full_name");
			q.renameTable("orders", "purchases");
		}));
		Migrator migrator = migrator();
		migrator.migrateSteps(1);
		CatalogSnapshot usersOnly = CatalogSnapshot.of(db.dataSource());
		migrator.migrate();
		CatalogSnapshot applied = CatalogSnapshot.of(db.dataSource());
		assertThat(applied.hasRelation("purchases")).isTrue();
		assertThat(applied.lines()).contains("type public.order_status e pending,paid");
		assertThat(migrator.status().migrations()).allMatch((m) -> Boolean.TRUE.equals(m.reversible()));
		migrator.undo();
		assertThat(CatalogSnapshot.of(db.dataSource()).lines()).isEqualTo(usersOnly.lines());
		String script = db.jdbc().queryForObject("SELECT script FROM schema_migrations WHERE id = '20260101000000_users'",
				String.class);
		assertThat(script).contains("CREATE TABLE \"users\"");
		migrator.migrate();
		assertThat(CatalogSnapshot.of(db.dataSource()).lines()).isEqualTo(applied.lines());
		migrator.undoAll();
		assertThat(CatalogSnapshot.of(db.dataSource()).lines()).isEqualTo(empty.lines());
	}

	@Test
	void anOperationWithoutInverseIsRefusedBeforeAnythingRuns() {
		this.migrations.add(change("20260101000000_bad", (q) -> {
			q.createTable("a", (t) -> t.text("x"));
			q.sql("INSERT INTO a VALUES ('x')");
		}));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("sql(...) has no known inverse")
			.withMessageContaining("implement up and down instead of change")
			.withRootCauseInstanceOf(IrreversibleOperationException.class);
		assertThat(CatalogSnapshot.of(db.dataSource()).hasRelation("a")).isFalse();
	}

	@Test
	void dropTableWithoutDefinitionIsRefused() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		this.migrations.add(change("20260101000001_drop", (q) -> q.dropTable("a")));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("dropTable(a) has no known inverse")
			.withMessageContaining("pass the table's definition");
	}

	@Test
	void bulkInsertInAMigrationRunsAsJdbcBatchesAndIsKeptInTheScript() {
		this.migrations.add(Fixture.of("20260101000000_seed", (q) -> {
			q.createTable("t", (t) -> t.integer("n"));
			List<Map<String, ?>> rows = new ArrayList<>();
			for (int i = 0; i < 2500; i++) {
				rows.add(Map.of("n", i));
			}
			int inserted = q.bulkInsert("t", rows);
			int updated = q.update("UPDATE t SET n = n + 1 WHERE n < 10");
			int bulkUpdated = q.bulkUpdate("t", Map.of("n", -1), Map.of("n", List.of(1, 2, 3)));
			if (!q.dryRun()) {
				assertThat(inserted).isEqualTo(2500);
				assertThat(updated).isEqualTo(10);
				assertThat(bulkUpdated).isEqualTo(3);
			}
		}, (q) -> q.dropTable("t")));
		migrator().migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM t", Integer.class)).isEqualTo(2500);
		assertThat(db.jdbc().queryForObject("SELECT script FROM schema_migrations", String.class))
			.contains("INSERT INTO \"t\" (\"n\") VALUES (?) -- batch of 2500 row(s)");
	}

}
