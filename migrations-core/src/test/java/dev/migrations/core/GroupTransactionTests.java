package dev.migrations.core;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code migrations.group}: all pending migrations in one transaction with one commit, on a real PostgreSQL.
 */
class GroupTransactionTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private final List<Migration> migrations = new ArrayList<>();

	@BeforeEach
	void reset() {
		db.reset();
	}

	private Migrator grouped() {
		return Migrator.builder(db.dataSource()).migrations(this.migrations).group(true).build();
	}

	private List<String> tables() {
		return db.jdbc()
			.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
					+ "ORDER BY table_name", String.class);
	}

	private List<String> appliedIds() {
		return db.jdbc().queryForList("SELECT id FROM schema_migrations ORDER BY id", String.class);
	}

	@Test
	void appliesEveryPendingMigrationInOneTransactionAndRecordsEachInOneBatch() {
		this.migrations.add(Fixture.table("20260501120000_create_a", "a"));
		this.migrations.add(Fixture.table("20260501120100_create_b", "b"));
		// Every migration of the group sees the same transaction: the backend's transaction id does not change.
		List<Long> transactionIds = new ArrayList<>();
		this.migrations.add(Fixture.of("20260501120200_read_xid", (q) -> transactionIds.add(
				q.jdbc().queryForObject("SELECT txid_current()", Long.class)), (q) -> {
				}));
		this.migrations.add(Fixture.of("20260501120300_read_xid_again", (q) -> transactionIds.add(
				q.jdbc().queryForObject("SELECT txid_current()", Long.class)), (q) -> {
				}));
		CommandResult result = grouped().migrate();
		assertThat(result.migrations()).hasSize(4);
		assertThat(result.batch()).isEqualTo(1);
		// The safety review runs each body once beforehand in a transaction of its own; the last two ids are the run's.
		List<Long> run = transactionIds.subList(transactionIds.size() - 2, transactionIds.size());
		assertThat(run.get(0)).isEqualTo(run.get(1));
		assertThat(tables()).contains("a", "b", "schema_migrations");
		assertThat(db.jdbc().queryForList("SELECT DISTINCT state || '/' || batch FROM schema_migrations",
				String.class)).containsExactly("applied/1");
	}

	@Test
	void aFailureRollsBackEveryMigrationOfTheGroupAndItsHistoryRows() {
		this.migrations.add(Fixture.table("20260501120000_create_a", "a"));
		this.migrations.add(Fixture.table("20260501120100_create_b", "b"));
		this.migrations.add(Fixture.of("20260501120200_broken", (q) -> q.sql("SELECT * FROM no_such_table"),
				(q) -> {
				}));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> grouped().migrate())
			.satisfies((ex) -> assertThat(ex.getMigrationId()).isEqualTo("20260501120200_broken"))
			.withMessageContaining("migrations.group=true")
			.withMessageContaining("group of 3 migration(s) was rolled back")
			.withMessageContaining("no_such_table");
		assertThat(tables()).containsExactly("schema_migrations");
		assertThat(appliedIds()).isEmpty();
		// Without the broken one the same group applies, and a later group builds on it.
		this.migrations.remove(2);
		grouped().migrate();
		assertThat(appliedIds()).containsExactly("20260501120000_create_a", "20260501120100_create_b");
	}

	@Test
	void aNonTransactionalPendingMigrationIsRefusedBeforeAnythingRuns() {
		this.migrations.add(Fixture.table("20260501120000_create_a", "a"));
		this.migrations.add(Fixture.nonTransactional("20260501120100_index_a_concurrently",
				(q) -> q.sql("CREATE INDEX CONCURRENTLY a_id ON a (id)"), (q) -> q.sql("DROP INDEX a_id")));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> grouped().migrate())
			.withMessageContaining("migrations.group=true")
			.withMessageContaining("20260501120100_index_a_concurrently")
			.withMessageContaining("non-transactional");
		assertThat(tables()).isEmpty();
	}

	@Test
	void aStepsOwnTimeoutsEndWithItAndDoNotLeakIntoTheNextStepOfTheGroup() {
		List<String> seen = new ArrayList<>();
		this.migrations.add(new Fixture("20260501120000_slow_allowed", (q) -> seen.add(
				q.jdbc().queryForObject("SHOW statement_timeout", String.class)), (q) -> {
				}, true) {

			@Override
			public java.time.Duration statementTimeout() {
				return java.time.Duration.ofMinutes(7);
			}

		});
		this.migrations.add(Fixture.of("20260501120100_default_timeouts",
				(q) -> seen.add(q.jdbc().queryForObject("SHOW statement_timeout", String.class)), (q) -> {
				}));
		grouped().migrate();
		// The last two are the run's (the safety review ran the bodies once before).
		assertThat(seen.subList(seen.size() - 2, seen.size())).containsExactly("7min", "1h");
	}

	@Test
	void onlyThePendingMigrationsFormTheGroup() {
		this.migrations.add(Fixture.nonTransactional("20260501120000_applied_alone", (q) -> q.sql("SELECT 1"),
				(q) -> {
				}));
		Migrator.builder(db.dataSource()).migrations(this.migrations).build().migrate();
		this.migrations.add(Fixture.table("20260501120100_create_b", "b"));
		CommandResult result = grouped().migrate();
		assertThat(result.migrations()).containsExactly("20260501120100_create_b");
		assertThat(result.batch()).isEqualTo(2);
	}

}
