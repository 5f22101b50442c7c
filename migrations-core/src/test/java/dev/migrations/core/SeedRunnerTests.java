package dev.migrations.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.schema.Rows;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link SeedRunner} on a real PostgreSQL: tracked, run-always and untracked seeders, undo, failures, the shared
 * lock and replicas that seed together.
 */
class SeedRunnerTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final List<Map<String, Object>> ROLES = List.of(Map.of("name", "admin", "label", "Administrator"),
			Map.of("name", "customer", "label", "Customer"), Map.of("name", "support", "label", "Support"));

	private final List<Seeder> seeders = new ArrayList<>();

	@BeforeEach
	void reset() {
		db.reset();
		Migrator.builder(db.dataSource())
			.migrations(List.of(Fixture.of("20260101000000_create_roles", (q) -> {
				q.createTable("roles", (t) -> {
					t.bigIdentity("id").primaryKey();
					t.text("name").notNull().unique();
					t.text("label");
				});
				q.createTable("seed_runs", (t) -> t.text("seeder").notNull());
			}, (q) -> q.dropTable("roles"))))
			.build()
			.migrate();
	}

	private SeedRunner runner() {
		return runner(SeedStorage.TABLE);
	}

	private SeedRunner runner(SeedStorage storage) {
		return SeedRunner.builder(db.dataSource()).seeders(this.seeders).storage(storage).build();
	}

	/** Inserts the roles if absent and notes the run in seed_runs. */
	private static SeedFixture roles(String id, boolean always) {
		Fixture.Step run = (q) -> {
			Rows.of(q).insertIfAbsent("roles", List.of("name"), ROLES);
			q.sql("INSERT INTO seed_runs (seeder) VALUES (?)", id);
		};
		Fixture.Step undo = (q) -> Rows.of(q).delete("roles", List.of("name"), ROLES);
		return always ? SeedFixture.always(id, run, undo) : SeedFixture.of(id, run, undo);
	}

	private static SeedFixture note(String id) {
		return SeedFixture.of(id, (q) -> q.sql("INSERT INTO seed_runs (seeder) VALUES (?)", id),
				(q) -> q.sql("DELETE FROM seed_runs WHERE seeder = ?", id));
	}

	private static int count(String sql) {
		return db.jdbc().queryForObject(sql, Integer.class);
	}

	private static List<String> runs() {
		return db.jdbc().queryForList("SELECT seeder FROM seed_runs ORDER BY seeder", String.class);
	}

	@Test
	void trackedSeederRunsOncePerDatabaseAndIsRecorded() {
		this.seeders.add(roles("20260102000000_reference_roles", false));
		this.seeders.add(note("20260102000100_demo"));
		CommandResult first = runner().seed();
		assertThat(first.command()).isEqualTo(Command.SEED);
		assertThat(first.migrations()).containsExactly("20260102000000_reference_roles", "20260102000100_demo");
		assertThat(first.batch()).isEqualTo(1);
		CommandResult second = runner().seed();
		assertThat(second.migrations()).isEmpty();
		assertThat(second.batch()).isNull();
		assertThat(count("SELECT count(*) FROM roles")).isEqualTo(3);
		assertThat(runs()).containsExactly("20260102000000_reference_roles", "20260102000100_demo");
		List<Map<String, Object>> history = db.jdbc().queryForList("SELECT * FROM schema_seeds ORDER BY id");
		assertThat(history).extracting((row) -> row.get("id"))
			.containsExactly("20260102000000_reference_roles", "20260102000100_demo");
		assertThat(history.get(0)).containsEntry("description", "reference roles")
			.containsEntry("state", "applied")
			.containsEntry("batch", 1);
		assertThat(history.get(0).get("finished_at")).isNotNull();
		assertThat(history.get(0).get("applied_by")).isNotNull();
		SeedReport report = runner().status();
		assertThat(report.table()).isEqualTo("schema_seeds");
		assertThat(report.pending()).isZero();
		assertThat(report.seeders()).extracting(SeedStatus::state).containsOnly(SeedStatus.State.RAN);
	}

	@Test
	void newSeederRunsAloneAsTheNextBatch() {
		this.seeders.add(note("20260102000000_a"));
		runner().seed();
		this.seeders.add(note("20260102000100_b"));
		assertThat(runner().status().pending()).isEqualTo(1);
		CommandResult result = runner().seed();
		assertThat(result.migrations()).containsExactly("20260102000100_b");
		assertThat(result.batch()).isEqualTo(2);
		assertThat(runs()).containsExactly("20260102000000_a", "20260102000100_b");
	}

	@Test
	void runAlwaysSeederRunsOnEverySeedWithoutDuplicatingRows() {
		this.seeders.add(roles("20260102000000_reference_roles", true));
		this.seeders.add(note("20260102000100_once"));
		runner().seed();
		CommandResult second = runner().seed();
		assertThat(second.migrations()).containsExactly("20260102000000_reference_roles");
		assertThat(second.batch()).isEqualTo(2);
		assertThat(count("SELECT count(*) FROM roles")).isEqualTo(3);
		assertThat(runs()).containsExactly("20260102000000_reference_roles", "20260102000000_reference_roles",
				"20260102000100_once");
		assertThat(db.jdbc().queryForList("SELECT id, batch FROM schema_seeds ORDER BY id"))
			.containsExactly(Map.of("id", "20260102000000_reference_roles", "batch", 2),
					Map.of("id", "20260102000100_once", "batch", 1));
	}

	@Test
	void storageNoneRecordsNothingAndRunsEverySeederEveryTime() {
		this.seeders.add(roles("20260102000000_reference_roles", false));
		this.seeders.add(note("20260102000100_demo"));
		assertThat(runner(SeedStorage.NONE).seed().migrations()).hasSize(2);
		CommandResult second = runner(SeedStorage.NONE).seed();
		assertThat(second.migrations()).hasSize(2);
		assertThat(second.batch()).isNull();
		assertThat(count("SELECT count(*) FROM roles")).isEqualTo(3);
		assertThat(runs()).hasSize(4);
		assertThat(CatalogSnapshot.of(db.dataSource()).hasRelation("schema_seeds")).isFalse();
		assertThat(runner(SeedStorage.NONE).status().seeders()).extracting(SeedStatus::state)
			.containsOnly(SeedStatus.State.PENDING);
		assertThat(runner(SeedStorage.NONE).undoAll().migrations()).containsExactly("20260102000100_demo",
				"20260102000000_reference_roles");
		assertThat(count("SELECT count(*) FROM roles")).isZero();
	}

	@Test
	void undoRemovesTheNewestSeederThenANamedOneThenAll() {
		this.seeders.add(roles("20260102000000_reference_roles", false));
		this.seeders.add(note("20260102000100_a"));
		this.seeders.add(note("20260102000200_b"));
		runner().seed();
		assertThat(runner().undo().migrations()).containsExactly("20260102000200_b");
		assertThat(runs()).doesNotContain("20260102000200_b");
		assertThat(runner().undo("20260102000000_reference_roles").migrations())
			.containsExactly("20260102000000_reference_roles");
		assertThat(count("SELECT count(*) FROM roles")).isZero();
		assertThat(db.jdbc().queryForList("SELECT id FROM schema_seeds", String.class)).containsExactly("20260102000100_a");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> runner().undo("20260102000200_b"))
			.withMessageContaining("20260102000200_b has not run");
		runner().seed();
		CommandResult all = runner().undoAll();
		assertThat(all.command()).isEqualTo(Command.SEED_UNDO_ALL);
		assertThat(all.migrations()).containsExactly("20260102000200_b", "20260102000100_a",
				"20260102000000_reference_roles");
		assertThat(count("SELECT count(*) FROM schema_seeds")).isZero();
		assertThat(count("SELECT count(*) FROM roles")).isZero();
		assertThat(runs()).doesNotContain("20260102000100_a", "20260102000200_b");
		assertThat(runner().undo().migrations()).isEmpty();
	}

	@Test
	void undoStopsBeforeASeederWithoutUndoAndChangesNothing() {
		this.seeders.add(note("20260102000000_a"));
		this.seeders.add(new SeedFixture.Permanent("20260102000100_permanent"));
		runner().seed();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> runner().undoAll())
			.withMessageContaining("20260102000100_permanent")
			.withMessageContaining("cannot be undone");
		assertThat(count("SELECT count(*) FROM schema_seeds")).isEqualTo(2);
		assertThat(runs()).containsExactly("20260102000000_a");
	}

	@Test
	void seederThatThrowsKeepsNothingAndIsNamed() {
		this.seeders.add(note("20260102000000_first"));
		this.seeders.add(SeedFixture.of("20260102000100_broken", (q) -> {
			Rows.of(q).insertIfAbsent("roles", List.of("name"), ROLES);
			q.sql("INSERT INTO seed_runs (seeder) VALUES ('broken')");
			q.sql("INSERT INTO no_such_table VALUES (1)");
		}, (q) -> {
		}));
		this.seeders.add(note("20260102000200_after"));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> runner().seed())
			.withMessageContaining("Seeder 20260102000100_broken")
			.withMessageContaining("rolled back")
			.withMessageContaining("no_such_table")
			.satisfies((ex) -> assertThat(ex.getMigrationId()).isEqualTo("20260102000100_broken"));
		assertThat(count("SELECT count(*) FROM roles")).isZero();
		assertThat(runs()).containsExactly("20260102000000_first");
		assertThat(db.jdbc().queryForList("SELECT id FROM schema_seeds", String.class))
			.containsExactly("20260102000000_first");
		assertThat(count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
				+ "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).isZero();
	}

	@Test
	void seederThatThrowsAnErrorIsRolledBackToo() {
		this.seeders.add(SeedFixture.of("20260102000100_asserting", (q) -> {
			q.sql("INSERT INTO seed_runs (seeder) VALUES ('asserting')");
			throw new AssertionError("expected three roles");
		}, (q) -> {
		}));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> runner().seed())
			.withMessageContaining("Seeder 20260102000100_asserting")
			.withMessageContaining("expected three roles");
		assertThat(runs()).isEmpty();
		assertThat(count("SELECT count(*) FROM schema_seeds")).isZero();
	}

	@Test
	void connectionWhoseUnlockFailsIsClosedAndTheSeedStillSucceeds() {
		List<Integer> pids = new ArrayList<>();
		this.seeders.add(SeedFixture.of("20260102000100_sneaky", (q) -> {
			pids.add(q.jdbc().queryForObject("SELECT pg_backend_pid()", Integer.class));
			q.sql("SELECT pg_advisory_unlock_all()");
		}, (q) -> {
		}));
		try (HikariDataSource single = db.newDataSource(1)) {
			CommandResult result = SeedRunner.builder(single).seeders(this.seeders).build().seed();
			assertThat(result.migrations()).containsExactly("20260102000100_sneaky");
			int pidAfter = new org.springframework.jdbc.core.JdbcTemplate(single)
				.queryForObject("SELECT pg_backend_pid()", Integer.class);
			assertThat(pidAfter).as("the pool's connection after the run").isNotEqualTo(pids.get(0));
		}
	}

	@Test
	void namedSeedRunsOneSeederEvenWhenItRanBefore() {
		this.seeders.add(note("20260102000000_a"));
		this.seeders.add(note("20260102000100_b"));
		assertThat(runner().seed("20260102000100_b").migrations()).containsExactly("20260102000100_b");
		assertThat(runner().seed("20260102000100_b").migrations()).containsExactly("20260102000100_b");
		assertThat(runs()).containsExactly("20260102000100_b", "20260102000100_b");
		assertThat(count("SELECT count(*) FROM schema_seeds")).isEqualTo(1);
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> runner().seed("20260102000200_nope"))
			.withMessageContaining("20260102000200_nope")
			.withMessageContaining("20260102000000_a");
	}

	@Test
	void malformedAndDuplicateIdsFailTheBuild() {
		this.seeders.add(note("2026_bad"));
		assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::runner)
			.withMessageStartingWith("Seeder ")
			.withMessageContaining("2026_bad");
		this.seeders.clear();
		this.seeders.add(note("20260102000000_a"));
		this.seeders.add(note("20260102000000_a"));
		assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(this::runner)
			.withMessageContaining("Duplicate seeder id 20260102000000_a");
	}

	@Test
	void seedingWaitsForTheMigrationsLock() throws Exception {
		this.seeders.add(note("20260102000000_a"));
		try (Connection holder = db.connect();
				PreparedStatement lock = holder.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			lock.setLong(1, SchemaLock.key("public", "schema_migrations"));
			try (ResultSet rs = lock.executeQuery()) {
				rs.next();
				assertThat(rs.getBoolean(1)).isTrue();
			}
			SeedRunner runner = SeedRunner.builder(db.dataSource())
				.seeders(this.seeders)
				.lockTimeout(Duration.ofMillis(500))
				.build();
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(runner::seed)
				.withMessageContaining("public.schema_migrations");
		}
		assertThat(runs()).isEmpty();
		assertThat(runner().seed().migrations()).containsExactly("20260102000000_a");
	}

	@Test
	void sixReplicasSeedingTogetherRunEachSeederOnce() throws Exception {
		for (int i = 1; i <= 5; i++) {
			String id = "2026010200000" + i + "_seed_" + i;
			this.seeders.add(SeedFixture.of(id, (q) -> {
				q.sql("INSERT INTO seed_runs (seeder) VALUES (?)", id);
				// Widen the window in which another replica could run the same seeder.
				q.sql("SELECT pg_sleep(0.05)");
			}, (q) -> {
			}));
		}
		this.seeders.add(roles("20260102000009_reference_roles", false));
		int replicas = 6;
		CyclicBarrier barrier = new CyclicBarrier(replicas);
		ExecutorService executor = Executors.newFixedThreadPool(replicas);
		List<HikariDataSource> pools = new ArrayList<>();
		try {
			List<Future<CommandResult>> results = new ArrayList<>();
			for (int i = 0; i < replicas; i++) {
				HikariDataSource pool = db.newDataSource(2);
				pools.add(pool);
				SeedRunner runner = SeedRunner.builder(pool)
					.seeders(this.seeders)
					.appliedBy("replica-" + i)
					.lockTimeout(Duration.ofSeconds(60))
					.build();
				results.add(executor.submit(() -> {
					barrier.await();
					return runner.seed();
				}));
			}
			List<String> ran = new ArrayList<>();
			for (Future<CommandResult> result : results) {
				ran.addAll(result.get(2, TimeUnit.MINUTES).migrations());
			}
			assertThat(ran).hasSize(6).doesNotHaveDuplicates();
			assertThat(runs()).hasSize(6).doesNotHaveDuplicates();
			assertThat(count("SELECT count(*) FROM roles")).isEqualTo(3);
			assertThat(count("SELECT count(DISTINCT batch) FROM schema_seeds")).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
			pools.forEach(HikariDataSource::close);
		}
	}

}
