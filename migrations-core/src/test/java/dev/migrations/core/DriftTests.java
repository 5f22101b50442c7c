package dev.migrations.core;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.migrations.schema.CatalogDifference;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code diff}: the applied migrations replayed into a scratch database, compared with the live schema, on a real
 * PostgreSQL.
 */
class DriftTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final AtomicBoolean failReplay = new AtomicBoolean();

	@BeforeEach
	void reset() {
		db.reset();
		failReplay.set(false);
	}

	private static Migrator migrator() {
		return Migrator.builder(db.dataSource())
			.migrations(List.of(Fixture.of("20260601000001_create_users", (q) -> q.createTable("users", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.text("email").notNull();
			}), (q) -> q.dropTable("users")), Fixture.of("20260601000002_index_email", (q) -> {
				if (failReplay.get()) {
					throw new IllegalStateException("replay failed on purpose");
				}
				q.sql("CREATE UNIQUE INDEX users_email ON users (email)");
			}, (q) -> q.sql("DROP INDEX users_email")), Fixture.table("20260601000003_create_orders", "orders")))
			.build();
	}

	private static int scratchDatabases() {
		return db.jdbc().queryForObject("SELECT count(*) FROM pg_database WHERE datname LIKE 'migrations\\_diff\\_%'",
				Integer.class);
	}

	@Test
	void aSchemaBuiltByTheMigrationsHasNoDrift() {
		Migrator migrator = migrator();
		migrator.migrateSteps(2);
		int before = scratchDatabases();
		DriftReport report = migrator.diff();
		assertThat(report.replayed()).containsExactly("20260601000001_create_users", "20260601000002_index_email");
		assertThat(report.differences()).isEmpty();
		assertThat(report.hasDrift()).isFalse();
		assertThat(scratchDatabases()).as("the scratch database is dropped").isEqualTo(before);
	}

	@Test
	void aColumnAddedByHandIsNamed() {
		Migrator migrator = migrator();
		migrator.migrate();
		db.jdbc().execute("ALTER TABLE users ADD COLUMN nickname text");
		db.jdbc().execute("DROP INDEX users_email");
		DriftReport report = migrator.diff();
		assertThat(report.hasDrift()).isTrue();
		assertThat(report.differences()).extracting(CatalogDifference::kind)
			.contains(CatalogDifference.Kind.ADDED, CatalogDifference.Kind.REMOVED);
		assertThat(report.differences()).anySatisfy((difference) -> {
			assertThat(difference.object()).contains("users").contains("nickname");
			assertThat(difference.kind()).isEqualTo(CatalogDifference.Kind.ADDED);
		});
		assertThat(report.differences()).anySatisfy((difference) -> {
			assertThat(difference.object()).contains("users_email");
			assertThat(difference.kind()).isEqualTo(CatalogDifference.Kind.REMOVED);
		});
		assertThat(report.describe()).contains("nickname").contains("differs in");
	}

	@Test
	void aMigrationRemovedFromTheCodeIsReportedAsNotReplayed() {
		migrator().migrate();
		Migrator older = Migrator.builder(db.dataSource())
			.migrations(List.of(Fixture.of("20260601000001_create_users", (q) -> q.createTable("users", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.text("email").notNull();
			}), (q) -> q.dropTable("users"))))
			.build();
		DriftReport report = older.diff();
		assertThat(report.notReplayed()).containsExactly("20260601000002_index_email", "20260601000003_create_orders");
		assertThat(report.differences()).anySatisfy((d) -> assertThat(d.object()).contains("orders"));
	}

	@Test
	void theScratchDatabaseIsDroppedWhenTheReplayFails() {
		Migrator migrator = migrator();
		migrator.migrate();
		failReplay.set(true);
		int before = scratchDatabases();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::diff)
			.withMessageContaining("could not replay")
			.withMessageContaining("replay failed on purpose");
		assertThat(scratchDatabases()).isEqualTo(before);
	}

	@Test
	void theScratchUrlReplacesOnlyTheDatabase() {
		assertThat(DriftCommand.withDatabase("jdbc:postgresql://db.example:5432/app?ssl=true&currentSchema=s", "x"))
			.isEqualTo("jdbc:postgresql://db.example:5432/x?ssl=true&currentSchema=s");
		assertThat(DriftCommand.withDatabase("jdbc:postgresql://localhost/app", "x")).isEqualTo("jdbc:postgresql://localhost/x");
		assertThat(DriftCommand.withDatabase("jdbc:postgresql://localhost:5432", "x"))
			.isEqualTo("jdbc:postgresql://localhost:5432/x");
		assertThat(DriftCommand.withDatabase("jdbc:postgresql:app", "x")).isEqualTo("jdbc:postgresql:x");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> DriftCommand.withDatabase("jdbc:mariadb://h/app?password=secret", "x"))
			.withMessageNotContaining("secret");
	}

}
