package dev.migrations.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A {@link Fleet} of schema tenants and database tenants on the real server: failures isolated per tenant, reruns
 * that pick up only what is pending, and two instances splitting one fleet.
 */
class FleetTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	/** The databases of the database tenants: extra databases created and dropped with the class. */
	private static final List<FreshDatabase> tenantDatabases = new ArrayList<>();

	@BeforeAll
	static void createTenantDatabases() {
		for (int i = 0; i < 5; i++) {
			FreshDatabase database = new FreshDatabase();
			database.create();
			tenantDatabases.add(database);
		}
	}

	@AfterAll
	static void dropTenantDatabases() {
		tenantDatabases.forEach(FreshDatabase::drop);
	}

	private static List<Migration> migrations() {
		return List.of(Fixture.table("20260101000001_create_items", "items"),
				Fixture.table("20260101000002_create_orders", "orders"),
				Fixture.of("20260101000003_add_item_name", (q) -> q.addColumn("items", "name", dev.migrations.schema.DataType.text()),
						(q) -> q.removeColumn("items", "name")));
	}

	private static List<Tenant> tenants(String prefix, int schemas) {
		List<Tenant> tenants = new ArrayList<>();
		for (int i = 1; i <= schemas; i++) {
			tenants.add(Tenant.schema(String.format("%s%02d", prefix, i)));
		}
		return tenants;
	}

	@Test
	void oneFailingTenantOfFiftyFiveLeavesTheOthersMigratedAndTheRerunMigratesOnlyIt() {
		List<Tenant> tenants = tenants("tenant_", 50);
		for (int i = 0; i < tenantDatabases.size(); i++) {
			FreshDatabase database = tenantDatabases.get(i);
			// A small pool per database tenant, closed when its run ends.
			tenants.add(Tenant.database("db_" + (i + 1), () -> database.newDataSource(1)));
		}
		// tenant_13 has a table in the way of its first migration.
		db.jdbc().execute("CREATE SCHEMA tenant_13");
		db.jdbc().execute("CREATE TABLE tenant_13.items (other text)");
		ConcurrentCommands concurrency = new ConcurrentCommands();
		try (HikariDataSource pool = db.newDataSource(4)) {
			Migrator migrator = Migrator.builder(pool).migrations(migrations()).listener(concurrency).build();
			Fleet fleet = Fleet.builder(migrator).tenants(tenants).parallelism(4).build();

			FleetReport first = fleet.migrate();

			assertThat(first.tenants()).hasSize(55);
			assertThat(first.counts()).containsEntry(TenantOutcome.State.CHANGED, 54)
				.containsEntry(TenantOutcome.State.FAILED, 1);
			assertThat(first.failed()).singleElement().satisfies((failed) -> {
				assertThat(failed.tenant()).isEqualTo("tenant_13");
				assertThat(failed.error()).contains("20260101000001_create_items").contains("already exists");
			});
			assertThat(first.describe()).contains("FAILED tenant_13: ");
			assertThat(concurrency.max.get()).isLessThanOrEqualTo(4);
			// Each schema tenant's objects and history are in its own schema, none in public.
			assertThat(db.jdbc().queryForObject("SELECT count(*) FROM tenant_07.schema_migrations", Integer.class))
				.isEqualTo(3);
			assertThat(db.jdbc().queryForList("SELECT column_name FROM information_schema.columns "
					+ "WHERE table_schema = 'tenant_07' AND table_name = 'items' ORDER BY 1", String.class))
				.containsExactly("id", "name");
			assertThat(db.jdbc().queryForObject("SELECT count(*) FROM information_schema.tables "
					+ "WHERE table_schema = 'public' AND table_name IN ('items', 'orders', 'schema_migrations')",
					Integer.class)).isZero();
			assertThat(new org.springframework.jdbc.core.JdbcTemplate(tenantDatabases.get(2).dataSource())
				.queryForObject("SELECT count(*) FROM public.schema_migrations", Integer.class)).isEqualTo(3);
			assertThat(fleet.lastOutcomes().get("tenant_13").state()).isEqualTo(TenantOutcome.State.FAILED);

			db.jdbc().execute("DROP TABLE tenant_13.items");
			FleetReport rerun = fleet.migrate();

			assertThat(rerun.counts()).containsEntry(TenantOutcome.State.CHANGED, 1)
				.containsEntry(TenantOutcome.State.UP_TO_DATE, 54)
				.containsEntry(TenantOutcome.State.FAILED, 0);
			assertThat(rerun.tenants()).filteredOn((t) -> t.state() == TenantOutcome.State.CHANGED)
				.extracting(TenantOutcome::tenant)
				.containsExactly("tenant_13");
			FleetReport status = fleet.run(Command.STATUS, List.of("tenant_1*", "db_2"),
					(tenant, seeds) -> tenant.status());
			assertThat(status.tenants()).extracting(TenantOutcome::tenant)
				.containsExactly("db_2", "tenant_10", "tenant_11", "tenant_12", "tenant_13", "tenant_14", "tenant_15",
						"tenant_16", "tenant_17", "tenant_18", "tenant_19");
			assertThat(status.counts()).containsEntry(TenantOutcome.State.UP_TO_DATE, 11);
		}
	}

	@Test
	void twoInstancesMigratingTheSameFleetApplyEveryTenantOnce() throws Exception {
		db.jdbc().execute("CREATE TABLE public.runs (tenant text NOT NULL, migration text NOT NULL)");
		List<Migration> migrations = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			String id = "2026020100000" + i + "_step_" + i;
			String table = "t" + i;
			migrations.add(Fixture.of(id, (q) -> {
				q.createTable(table, (t) -> t.bigint("id").primaryKey());
				q.sql("INSERT INTO public.runs (tenant, migration) VALUES (current_schema(), ?)", id);
				// Widen the window in which the other instance could take the same tenant.
				q.sql("SELECT pg_sleep(0.01)");
			}, (q) -> q.dropTable(table)));
		}
		List<Tenant> tenants = tenants("pair_", 30);
		CyclicBarrier barrier = new CyclicBarrier(2);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try (HikariDataSource first = db.newDataSource(3); HikariDataSource second = db.newDataSource(3)) {
			List<Future<FleetReport>> runs = new ArrayList<>();
			for (HikariDataSource pool : List.of(first, second)) {
				Fleet fleet = Fleet.builder(Migrator.builder(pool).migrations(migrations).build())
					.tenants(tenants)
					.parallelism(3)
					.build();
				runs.add(executor.submit(() -> {
					barrier.await();
					return fleet.migrate();
				}));
			}
			List<FleetReport> reports = new ArrayList<>();
			for (Future<FleetReport> run : runs) {
				reports.add(run.get(2, TimeUnit.MINUTES));
			}
			assertThat(reports).allSatisfy((report) -> assertThat(report.failed()).isEmpty());
			assertThat(reports.get(0).counts().get(TenantOutcome.State.CHANGED)
					+ reports.get(1).counts().get(TenantOutcome.State.CHANGED)).isEqualTo(30);
			assertThat(db.jdbc().queryForObject("SELECT count(*) FROM public.runs", Integer.class)).isEqualTo(90);
			assertThat(db.jdbc().queryForObject(
					"SELECT count(*) FROM (SELECT DISTINCT tenant, migration FROM public.runs) AS once", Integer.class))
				.isEqualTo(90);
			for (Tenant tenant : tenants) {
				assertThat(db.jdbc().queryForObject("SELECT count(DISTINCT batch) FROM " + tenant.schema()
						+ ".schema_migrations WHERE state = 'applied'", Integer.class)).isEqualTo(1);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void planSeedAndUndoRunOnEachTenantsSchema() {
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations()).build();
		SeedRunner seeds = SeedRunner.builder(db.dataSource())
			.migrator(migrator)
			.seeders(List.of(SeedFixture.of("20260101000100_items", (q) -> q.sql("INSERT INTO items (id) VALUES (1)"),
					(q) -> q.sql("DELETE FROM items"))))
			.build();
		Fleet fleet = Fleet.builder(migrator).tenants(tenants("cmd_", 3)).seedRunner(seeds).parallelism(2).build();

		FleetReport plan = fleet.run(Command.PLAN, List.of(), (tenant, s) -> tenant.plan());
		assertThat(plan.counts()).containsEntry(TenantOutcome.State.PENDING, 3);
		assertThat(((MigrationPlan) plan.tenants().get(0).result()).schema()).isEqualTo("cmd_01");
		assertThat(fleet.migrate().counts()).containsEntry(TenantOutcome.State.CHANGED, 3);
		FleetReport seeded = fleet.run(Command.SEED, List.of("cmd_02"), (tenant, s) -> s.seed());
		assertThat(seeded.counts()).containsEntry(TenantOutcome.State.CHANGED, 1);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM cmd_02.items", Integer.class)).isEqualTo(1);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM cmd_02.schema_seeds", Integer.class)).isEqualTo(1);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM cmd_01.items", Integer.class)).isZero();
		FleetReport undone = fleet.run(Command.UNDO_ALL, List.of("cmd_0?"), (tenant, s) -> tenant.undoAll());
		assertThat(undone.counts()).containsEntry(TenantOutcome.State.CHANGED, 3);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM information_schema.tables "
				+ "WHERE table_schema LIKE 'cmd\\_%' AND table_name IN ('items', 'orders')", Integer.class)).isZero();
		FleetReport validate = fleet.run(Command.VALIDATE, List.of(), (tenant, s) -> tenant.validate());
		assertThat(validate.failed()).hasSize(3)
			.allSatisfy((failed) -> assertThat(failed.error()).contains("pending"));
	}

	@Test
	void aSelectionNamingNoTenantIsRefused() {
		Fleet fleet = Fleet.builder(Migrator.builder(db.dataSource()).migrations(migrations()).build())
			.tenants(tenants("sel_", 3))
			.build();
		assertThat(fleet.select(List.of("sel_0?"))).hasSize(3);
		assertThat(fleet.select(List.of("nobody*"))).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> fleet.select(List.of("sel_01", "sel_9")))
			.withMessageContaining("'sel_9'");
	}

	@Test
	void aTenantPastItsTimeBudgetFailsAloneAndTheNextRunGoesOn() {
		List<Migration> slow = List.of(Fixture.of("20260301000001_slow", (q) -> q.sql("SELECT pg_sleep(1.5)"), (q) -> {
		}), Fixture.table("20260301000002_after", "after_slow"));
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(slow).build();
		List<Tenant> tenants = tenants("budget_", 2);
		FleetReport report = Fleet.builder(migrator)
			.tenants(tenants)
			.tenantTimeout(Duration.ofMillis(500))
			.parallelism(2)
			.build()
			.migrate();
		// The statement is cancelled at the budget, or (on a slow machine) the budget ran out before it started.
		assertThat(report.failed()).hasSize(2)
			.allSatisfy((failed) -> assertThat(failed.error()).contains("20260301000001_slow")
				.containsAnyOf("statement timeout", "time budget"));
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM information_schema.tables "
				+ "WHERE table_name = 'after_slow'", Integer.class)).isZero();
		FleetReport rerun = Fleet.builder(migrator).tenants(tenants).parallelism(2).build().migrate();
		assertThat(rerun.counts()).containsEntry(TenantOutcome.State.CHANGED, 2);
	}

	/** Counts the commands running at once. */
	static final class ConcurrentCommands implements MigrationListener {

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger max = new AtomicInteger();

		@Override
		public void commandStarting(Command command) {
			this.max.accumulateAndGet(this.running.incrementAndGet(), Math::max);
		}

		@Override
		public void commandFinished(Command command, CommandResult result, Throwable failure) {
			this.running.decrementAndGet();
		}

	}

}
