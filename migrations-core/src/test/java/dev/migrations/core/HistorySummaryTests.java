package dev.migrations.core;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import dev.migrations.dialect.Dialect;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The one-row summary of the history that a restart with nothing to do reads instead of every row, against the same
 * summary computed from the code.
 */
class HistorySummaryTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private final List<Migration> migrations = new ArrayList<>();

	@BeforeEach
	void reset() {
		db.reset();
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		this.migrations.add(Fixture.table("20260101000001_b", "b"));
		this.migrations.add(Fixture.table("20260101000002_c", "c"));
	}

	private Migrator migrator() {
		return Migrator.builder(db.dataSource()).migrations(this.migrations).build();
	}

	private HistorySummary recorded() throws Exception {
		try (Connection connection = db.dataSource().getConnection()) {
			return new HistoryStore(Dialect.of(connection), "public", "schema_migrations").summary(connection);
		}
	}

	private HistorySummary code() {
		List<ResolvedMigration> resolved = new ArrayList<>();
		this.migrations.forEach((m) -> resolved.add(ResolvedMigration.of(m.id(), m)));
		return MigrationCatalog.of(resolved).summary();
	}

	@Test
	void noHistoryTableHasNoSummary() throws Exception {
		assertThat(recorded()).isNull();
		assertThat(migrator().statusSummary().upToDate()).isFalse();
	}

	@Test
	void statusSummaryOfAnUpToDateSchemaSaysWhatTheFullStatusSays() {
		migrator().migrate();
		StatusSummary summary = migrator().statusSummary();
		StatusReport status = migrator().status();
		assertThat(summary.upToDate()).isTrue();
		assertThat(summary.applied()).isEqualTo(status.counts().get(MigrationState.APPLIED).longValue()).isEqualTo(3);
		assertThat(summary.current()).isEqualTo(status.current()).isEqualTo("20260101000002_c");
		assertThat(summary.schema()).isEqualTo(status.schema()).isEqualTo("public");
		assertThat(summary.table()).isEqualTo(status.table()).isEqualTo("schema_migrations");
		assertThat(summary.lockHolder()).isNull();
		assertThat(summary.counts()).isEqualTo(status.counts());
	}

	@Test
	void statusSummaryIsNotUpToDateWhenAMigrationIsPendingOrModified() {
		migrator().migrate();
		this.migrations.add(Fixture.table("20260101000003_d", "d"));
		StatusSummary pending = migrator().statusSummary();
		assertThat(pending.upToDate()).isFalse();
		assertThat(pending.applied()).isZero();
		assertThat(pending.current()).isNull();
		assertThatIllegalStateException().isThrownBy(pending::counts)
			.withMessageContaining("public.schema_migrations is not up to date")
			.withMessageContaining("Migrator.status()");
		this.migrations.remove(3);
		db.jdbc().update("UPDATE schema_migrations SET checksum = 'edited' WHERE id = '20260101000001_b'");
		assertThat(migrator().statusSummary().upToDate()).isFalse();
		assertThat(migrator().status().counts().get(MigrationState.MODIFIED)).isOne();
	}

	@Test
	void historyOfExactlyTheCodesMigrationsIsUpToDate() throws Exception {
		migrator().migrate();
		HistorySummary recorded = recorded();
		assertThat(recorded.applied()).isEqualTo(3);
		assertThat(recorded.unfinished()).isZero();
		assertThat(recorded.newest()).isEqualTo("20260101000002_c");
		assertThat(recorded.unchecksummed()).isZero();
		assertThat(recorded.digest()).isEqualTo(code().digest());
		assertThat(recorded.upToDateWith(code())).isTrue();
	}

	@Test
	void pendingMigrationIsNotUpToDate() throws Exception {
		migrator().migrate();
		this.migrations.add(Fixture.table("20260101000003_d", "d"));
		assertThat(recorded().upToDateWith(code())).isFalse();
		assertThat(migrator().migrate().migrations()).containsExactly("20260101000003_d");
	}

	@Test
	void failedOrRunningRowIsNotUpToDateEvenWhenTheAppliedOnesMatch() throws Exception {
		migrator().migrate();
		db.jdbc().update("INSERT INTO schema_migrations (id, description, state, batch, transactional, started_at) "
				+ "VALUES ('20260101000009_z', 'z', 'failed', 2, false, now())");
		HistorySummary recorded = recorded();
		assertThat(recorded.unfinished()).isEqualTo(1);
		assertThat(recorded.upToDateWith(code())).isFalse();
	}

	@Test
	void recordedChecksumsMustAllBeThereAndMatchTheCodes() throws Exception {
		migrator().migrate();
		HistorySummary code = code();
		HistorySummary recorded = recorded();
		assertThat(recorded.unchecksummed()).isZero();
		assertThat(recorded.digest()).isEqualTo(code.digest());
		db.jdbc().update("UPDATE schema_migrations SET checksum = 'abc' WHERE id = '20260101000001_b'");
		assertThat(recorded().upToDateWith(code)).isFalse();
		// A row recorded before checksums were: migrate records it under the lock, so it is something to do.
		db.jdbc().update("UPDATE schema_migrations SET checksum = NULL WHERE id = '20260101000001_b'");
		assertThat(recorded().unchecksummed()).isEqualTo(1);
		assertThat(recorded().upToDateWith(code)).isFalse();
		db.jdbc().update("UPDATE schema_migrations SET checksum = 'sum-' || id");
		assertThat(recorded().upToDateWith(HistorySummary.of(withChecksums((id) -> "sum-" + id)))).isTrue();
		assertThat(recorded().upToDateWith(HistorySummary.of(withChecksums((id) -> "other")))).isFalse();
		assertThat(recorded().upToDateWith(HistorySummary.of(withChecksums((id) -> null)))).isFalse();
	}

	private List<ResolvedMigration> withChecksums(java.util.function.UnaryOperator<String> checksum) {
		List<ResolvedMigration> resolved = new ArrayList<>();
		for (Migration migration : this.migrations) {
			resolved.add(ResolvedMigration.of(migration.id(), new MigrationSupplier() {

				@Override
				public String id() {
					return migration.id();
				}

				@Override
				public Class<? extends Migration> type() {
					return migration.getClass();
				}

				@Override
				public @org.jspecify.annotations.Nullable String checksum() {
					return checksum.apply(migration.id());
				}

				@Override
				public Migration get() {
					return migration;
				}

			}));
		}
		return MigrationCatalog.of(resolved).all();
	}

	@Test
	void sameIdsInAnotherOrderOrWithAnotherCountAreNotUpToDate() throws Exception {
		migrator().migrate();
		db.jdbc().update("DELETE FROM schema_migrations WHERE id = '20260101000001_b'");
		assertThat(recorded().upToDateWith(code())).isFalse();
	}

}
