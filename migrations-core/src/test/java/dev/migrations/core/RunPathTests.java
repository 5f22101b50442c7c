package dev.migrations.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.migrations.safety.Timeouts;
import dev.migrations.test.FreshDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one run path on a real PostgreSQL: seeders get the timeouts and the events of migrations, callbacks run with the
 * step's connection, migrate and seed share one lock, and seeding refuses a schema with pending migrations.
 */
class RunPathTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final Fixture CREATE_ROLES = Fixture.of("20260101000000_create_roles",
			(q) -> q.createTable("roles", (t) -> t.text("name").primaryKey()), (q) -> q.dropTable("roles"));

	private static final Fixture CREATE_AUDIT = Fixture.of("20251231000000_create_audit",
			(q) -> q.createTable("audit", (t) -> t.text("step").notNull()), (q) -> q.dropTable("audit"));

	private static final SeedFixture ADMIN = SeedFixture.of("20260102000000_admin",
			(q) -> q.sql("INSERT INTO roles (name) VALUES ('admin')"), (q) -> q.sql("DELETE FROM roles"));

	@BeforeEach
	void reset() {
		db.reset();
	}

	@Test
	void seederRunsWithTheConfiguredSessionTimeouts() {
		Migrator.builder(db.dataSource()).migrations(List.of(CREATE_ROLES)).build().migrate();
		List<String> seen = new ArrayList<>();
		SeedRunner.builder(db.dataSource())
			.timeouts(new Timeouts(Duration.ofMillis(1234), Duration.ofSeconds(77)))
			.seeders(List.of(SeedFixture.of("20260102000000_timeouts", (q) -> {
				seen.add(q.jdbc().queryForObject("SHOW lock_timeout", String.class));
				seen.add(q.jdbc().queryForObject("SHOW statement_timeout", String.class));
			}, (q) -> {
			})))
			.build()
			.seed();
		assertThat(seen).containsExactly("1234ms", "77s");
		// Reset before the connection went back to the pool.
		assertThat(db.jdbc().queryForObject("SHOW lock_timeout", String.class)).isEqualTo("0");
	}

	@Test
	void listenerHearsSeederStepsAndSeedCommands() {
		Migrator.builder(db.dataSource()).migrations(List.of(CREATE_ROLES)).build().migrate();
		Recorder recorder = new Recorder();
		SeedRunner seeds = SeedRunner.builder(db.dataSource()).seeders(List.of(ADMIN)).listener(recorder).build();
		seeds.seed();
		seeds.undo();
		assertThat(recorder.events).containsExactly("command seed", "lock", "starting 20260102000000_admin UP SEEDER",
				"finished 20260102000000_admin UP SEEDER ok", "finished seed", "command seed-undo", "lock",
				"starting 20260102000000_admin DOWN SEEDER", "finished 20260102000000_admin DOWN SEEDER ok",
				"finished seed-undo");
	}

	@Test
	void callbackSqlInAfterEachStepCommitsWithTheMigration() {
		List<String> calls = new ArrayList<>();
		Migrator.builder(db.dataSource())
			.migrations(List.of(CREATE_AUDIT, CREATE_ROLES))
			.callback(new MigrationCallback() {

				@Override
				public void beforeMigrate(Context context) {
					calls.add("before " + context.command().cliName());
				}

				@Override
				public void afterEachStep(Context context) throws Exception {
					try (var insert = context.connection().prepareStatement("INSERT INTO audit (step) VALUES (?)")) {
						insert.setString(1, context.step().id());
						insert.executeUpdate();
					}
					assertThat(context.connection().getAutoCommit()).isFalse();
				}

				@Override
				public void afterMigrate(Context context) {
					calls.add("after " + context.command().cliName());
				}

			})
			.build()
			.migrate();
		assertThat(db.jdbc().queryForList("SELECT step FROM audit ORDER BY step", String.class))
			.containsExactly("20251231000000_create_audit", "20260101000000_create_roles");
		assertThat(calls).containsExactly("before migrate", "after migrate");
	}

	@Test
	void throwingBeforeEachStepRollsTheMigrationBack() {
		List<String> failures = new ArrayList<>();
		Migrator migrator = Migrator.builder(db.dataSource())
			.migrations(List.of(CREATE_ROLES))
			.callback(new MigrationCallback() {

				@Override
				public void beforeEachStep(Context context) throws Exception {
					context.connection().createStatement().execute("CREATE TABLE before_step (id int)");
					throw new IllegalStateException("not today");
				}

				@Override
				public void onFailure(Context context, Throwable failure) {
					failures.add(context.step().id());
				}

			})
			.build();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("rolled back")
			.withMessageContaining("not today");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_tables WHERE tablename IN ('roles', 'before_step')",
				Integer.class)).isZero();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isZero();
		assertThat(failures).containsExactly("20260101000000_create_roles");
	}

	@Test
	void migrateAndSeedTakeTheLockOnce() {
		Recorder recorder = new Recorder();
		Migrator migrator = Migrator.builder(db.dataSource())
			.migrations(List.of(CREATE_ROLES))
			.listener(recorder)
			.build();
		SeedRunner seeds = SeedRunner.builder(db.dataSource())
			.seeders(List.of(ADMIN))
			.migrator(migrator)
			.listener(recorder)
			.build();
		List<CommandResult> results = migrator.migrateAndSeed(seeds);
		assertThat(results).extracting(CommandResult::command).containsExactly(Command.MIGRATE, Command.SEED);
		assertThat(results.get(0).migrations()).containsExactly("20260101000000_create_roles");
		assertThat(results.get(1).migrations()).containsExactly("20260102000000_admin");
		assertThat(recorder.events).filteredOn("lock"::equals).hasSize(1);
		assertThat(db.jdbc().queryForList("SELECT name FROM roles", String.class)).containsExactly("admin");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
				+ "(SELECT oid FROM pg_database WHERE datname = current_database())", Integer.class)).isZero();
		// A restart with nothing to migrate or seed takes no lock at all.
		assertThat(migrator.migrateAndSeed(seeds)).allSatisfy((result) -> assertThat(result.migrations()).isEmpty());
		assertThat(recorder.events).filteredOn("lock"::equals).hasSize(1);
	}

	@Test
	void seedWithPendingMigrationsNamesThemAndTheMigrateCommand() {
		Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(CREATE_ROLES, CREATE_AUDIT)).build();
		SeedRunner seeds = SeedRunner.builder(db.dataSource()).seeders(List.of(ADMIN)).migrator(migrator).build();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(seeds::seed)
			.withMessageContaining("2 migration(s) are pending")
			.withMessageContaining("20251231000000_create_audit, 20260101000000_create_roles")
			.withMessageContaining("--migrations.command=migrate");
		migrator.migrate();
		assertThat(seeds.seed().migrations()).containsExactly("20260102000000_admin");
	}

	@Test
	void seedWithoutKnowingTheMigrationsFailsAsBefore() {
		SeedRunner seeds = SeedRunner.builder(db.dataSource()).seeders(List.of(ADMIN)).build();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(seeds::seed)
			.withMessageContaining("relation \"roles\" does not exist");
	}

	/** Records what a listener hears, one line an event. */
	static final class Recorder implements MigrationListener {

		final List<String> events = new ArrayList<>();

		final AtomicInteger locks = new AtomicInteger();

		@Override
		public void commandStarting(Command command) {
			this.events.add("command " + command.cliName());
		}

		@Override
		public void commandFinished(Command command, CommandResult result, @Nullable Throwable failure) {
			this.events.add("finished " + command.cliName() + ((failure != null) ? " failed" : ""));
		}

		@Override
		public void lockAcquired(Duration waited) {
			this.events.add("lock");
		}

		@Override
		public void migrationStarting(MigrationStep step) {
			this.events.add("starting " + step.id() + " " + step.direction() + " " + step.kind());
		}

		@Override
		public void migrationFinished(MigrationStep step, Duration duration, @Nullable Throwable failure) {
			this.events.add("finished " + step.id() + " " + step.direction() + " " + step.kind()
					+ ((failure != null) ? " failed" : " ok"));
		}

	}

}
