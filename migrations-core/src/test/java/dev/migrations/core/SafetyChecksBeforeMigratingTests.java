package dev.migrations.core;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.migrations.safety.Acknowledge;
import dev.migrations.safety.InvalidAcknowledgementException;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.UnsafeMigrationException;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.migrations.schema.IndexDefinition.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The safety checks as the migrator runs them: on a dry run of every pending migration, under the schema lock and before
 * anything is applied.
 */
class SafetyChecksBeforeMigratingTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@BeforeEach
	void reset() {
		db.reset();
	}

	private static Migration createOrders() {
		return Fixture.of("20260101000000_create_orders",
				(q) -> q.createTable("orders", (t) -> t.bigint("id").primaryKey()), (q) -> q.dropTable("orders"));
	}

	private static Migration indexOrders() {
		return Fixture.of("20260102000000_index_orders", (q) -> q.addIndex("orders", index("id").name("orders_id_idx")),
				(q) -> q.removeIndex("orders_id_idx"));
	}

	@Test
	void unsafeMigrationIsRefusedBeforeAnythingRuns() {
		db.jdbc().execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		Migration safeFirst = Fixture.of("20260101000000_create_users",
				(q) -> q.createTable("users", (t) -> t.bigint("id")), (q) -> q.dropTable("users"));
		CatalogSnapshot before = CatalogSnapshot.of(db.dataSource(), "none");
		assertThatExceptionOfType(UnsafeMigrationException.class)
			.isThrownBy(() -> Migrator.builder(db.dataSource()).migrations(List.of(safeFirst, indexOrders())).build().migrate())
			.withMessageContaining("[add-index-non-concurrently] migration 20260102000000_index_orders")
			.withMessageContaining("CREATE INDEX CONCURRENTLY")
			.withMessageContaining("@Acknowledge(check = \"add-index-non-concurrently\"");
		// Not even the safe migration before it ran, and the history table was not created.
		assertThat(CatalogSnapshot.of(db.dataSource(), "none")).isEqualTo(before);
	}

	@Test
	void tableCreatedByAnEarlierPendingMigrationIsNew() {
		CommandResult result = Migrator.builder(db.dataSource())
			.migrations(List.of(createOrders(), indexOrders()))
			.build()
			.migrate();
		assertThat(result.migrations()).hasSize(2);
	}

	@Test
	void acknowledgedFindingRunsAndIsRecorded() {
		db.jdbc().execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		Migrator.builder(db.dataSource()).migrations(List.of(new AcknowledgedIndex())).build().migrate();
		assertThat(db.jdbc().queryForObject("SELECT safety_acknowledgements FROM schema_migrations", String.class))
			.isEqualTo("add-index-non-concurrently: orders holds a few hundred rows");
		assertThat(Migrator.builder(db.dataSource())
			.migrations(List.of(new AcknowledgedIndex()))
			.build()
			.status()
			.migrations()
			.get(0)
			.acknowledgements()).contains("orders holds a few hundred rows");
	}

	@Test
	void warnModeRunsTheMigrationAnyway() {
		db.jdbc().execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		CommandResult result = Migrator.builder(db.dataSource())
			.migrations(List.of(indexOrders()))
			.safetyMode(SafetyMode.WARN)
			.build()
			.migrate();
		assertThat(result.migrations()).containsExactly("20260102000000_index_orders");
	}

	@Test
	void offModeSkipsTheDryRun() {
		db.jdbc().execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		AtomicInteger calls = new AtomicInteger();
		Migration counted = Fixture.of("20260102000000_index_orders", (q) -> {
			calls.incrementAndGet();
			q.addIndex("orders", index("id"));
		}, (q) -> {
		});
		Migrator.builder(db.dataSource()).migrations(List.of(counted)).safetyMode(SafetyMode.OFF).build().migrate();
		assertThat(calls.get()).isOne();
	}

	@Test
	void dryRunSeesWhatTheMigrationWouldDoWithoutDoingIt() {
		AtomicInteger dryRuns = new AtomicInteger();
		AtomicInteger realRuns = new AtomicInteger();
		Migration counted = Fixture.of("20260101000000_create_orders", (q) -> {
			(q.dryRun() ? dryRuns : realRuns).incrementAndGet();
			q.createTable("orders", (t) -> t.bigint("id"));
		}, (q) -> q.dropTable("orders"));
		Migrator.builder(db.dataSource()).migrations(List.of(counted)).build().migrate();
		assertThat(dryRuns.get()).isOne();
		assertThat(realRuns.get()).isOne();
	}

	@Test
	void acknowledgementOfAnUnknownCheckNamesTheMigration() {
		db.jdbc().execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		assertThatExceptionOfType(InvalidAcknowledgementException.class)
			.isThrownBy(() -> Migrator.builder(db.dataSource()).migrations(List.of(new MisspelledAcknowledgement())).build()
				.migrate())
			.withMessageContaining("20260102000000_index_orders")
			.withMessageContaining("add-index-non-concurently");
	}

	@Acknowledge(check = "add-index-non-concurrently", reason = "orders holds a few hundred rows")
	static class AcknowledgedIndex implements Migration {

		@Override
		public String id() {
			return "20260102000000_index_orders";
		}

		@Override
		public void up(QueryInterface q) {
			q.addIndex("orders", index("id").name("orders_id_idx"));
		}

	}

	@Acknowledge(check = "add-index-non-concurently", reason = "typo")
	static class MisspelledAcknowledgement implements Migration {

		@Override
		public String id() {
			return "20260102000000_index_orders";
		}

		@Override
		public void up(QueryInterface q) {
			q.addIndex("orders", index("id").name("orders_id_idx"));
		}

	}

}
