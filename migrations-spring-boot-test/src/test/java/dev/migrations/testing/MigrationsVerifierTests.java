package dev.migrations.testing;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.core.Migration;
import dev.migrations.core.Migrator;
import dev.migrations.schema.DataType;
import dev.migrations.schema.IndexDefinition;
import dev.migrations.schema.QueryInterface;
import dev.migrations.schema.CatalogDifference;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link MigrationsVerifier} on a real PostgreSQL: it passes migrations whose down undoes their up, and names the
 * migration and the first difference of those whose down does not.
 */
class MigrationsVerifierTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private final List<Migration> migrations = new ArrayList<>();

	@BeforeEach
	void reset() {
		db.reset();
	}

	private MigrationsVerifier verifier() {
		return MigrationsVerifier.on(db.dataSource()).migrations(this.migrations);
	}

	/** Users with a status enum and an index, a view, and a column added later: every down undoes its up. */
	private void reversibleMigrations() {
		this.migrations.add(migration("20260901090000_create_users", (q) -> {
			q.createEnum("user_status", "active", "blocked");
			q.createTable("users", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.text("email").notNull().unique();
				t.column("status", DataType.enumType("user_status")).notNull().defaultValue("active");
			});
			q.addIndex("users", IndexDefinition.index("status"));
		}, (q) -> {
			q.dropTable("users");
			q.dropEnum("user_status");
		}));
		this.migrations.add(migration("20260901090100_create_active_users",
				(q) -> q.sql("CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active'"),
				(q) -> q.sql("DROP VIEW active_users")));
		this.migrations.add(migration("20260901090200_add_users_name",
				(q) -> q.addColumn("users", "name", DataType.text()), (q) -> q.removeColumn("users", "name")));
	}

	@Test
	void passesMigrationsWhoseDownUndoesTheirUpAndLeavesThemApplied() {
		reversibleMigrations();
		MigrationsVerifier.Report report = verifier().verifyUpDownUp();
		assertThat(report.verified()).containsExactly("20260901090000_create_users",
				"20260901090100_create_active_users", "20260901090200_add_users_name");
		assertThat(report.irreversible()).isEmpty();
		assertThat(db.jdbc().queryForList("SELECT id FROM schema_migrations ORDER BY id", String.class))
			.isEqualTo(report.migrations());
	}

	@Test
	void catchesADownThatLeavesAnEnumTypeBehind() {
		reversibleMigrations();
		this.migrations.set(0, migration("20260901090000_create_users", (q) -> {
			q.createEnum("user_status", "active", "blocked");
			q.createTable("users", (t) -> {
				t.bigIdentity("id").primaryKey();
				t.text("email").notNull().unique();
				t.column("status", DataType.enumType("user_status")).notNull().defaultValue("active");
			});
		}, (q) -> q.dropTable("users")));
		assertThatExceptionOfType(MigrationVerificationError.class).isThrownBy(() -> verifier().verifyUpDownUp())
			.satisfies((error) -> {
				assertThat(error.getMigrationId()).isEqualTo("20260901090000_create_users");
				assertThat(error.getDirection()).isEqualTo("down");
				assertThat(error.getDifference()).isNotNull();
				assertThat(error.getDifference().kind()).isEqualTo(CatalogDifference.Kind.ADDED);
				assertThat(error.getDifference().object()).contains("user_status");
			})
			.withMessageContaining("20260901090000_create_users")
			.withMessageContaining("user_status");
	}

	@Test
	void catchesADownThatDropsAColumnItsUpDidNotAdd() {
		reversibleMigrations();
		this.migrations.add(migration("20260901090300_add_users_phone",
				(q) -> q.addColumn("users", "phone", DataType.text()), (q) -> {
					q.removeColumn("users", "phone");
					q.removeColumn("users", "name");
				}));
		assertThatExceptionOfType(MigrationVerificationError.class).isThrownBy(() -> verifier().verifyUpDownUp())
			.satisfies((error) -> {
				assertThat(error.getMigrationId()).isEqualTo("20260901090300_add_users_phone");
				assertThat(error.getDifference().kind()).isEqualTo(CatalogDifference.Kind.REMOVED);
				assertThat(error.getDifference().object()).contains("users").contains("name");
			})
			.withMessageContaining("After down of migration 20260901090300_add_users_phone");
	}

	@Test
	void reportsAnIrreversibleMigrationAndFailsOnItOnlyWhenAsked() {
		reversibleMigrations();
		this.migrations.add(new Migration() {

			@Override
			public String id() {
				return "20260901090300_create_audit_log";
			}

			@Override
			public void up(QueryInterface q) {
				q.createTable("audit_log", (t) -> t.text("entry"));
			}

		});
		MigrationsVerifier.Report report = verifier().verifyUpDownUp();
		assertThat(report.irreversible()).containsExactly("20260901090300_create_audit_log");
		assertThat(report.verified()).isEmpty();
		db.reset();
		assertThatExceptionOfType(MigrationVerificationError.class)
			.isThrownBy(() -> verifier().failOnIrreversible().verifyUpDownUp())
			.withMessageContaining("20260901090300_create_audit_log is irreversible");
	}

	@Test
	void verifiesTheMigratorsMigrationsOnItsOwnDataSource() {
		reversibleMigrations();
		// A migrator built on another DataSource (the application's): the verifier runs it on the fresh database.
		Migrator application = Migrator.builder(new org.springframework.jdbc.datasource.SimpleDriverDataSource())
			.migrations(this.migrations)
			.build();
		assertThat(MigrationsVerifier.on(db.dataSource()).migrator(application).verifyUpDownUp().verified())
			.hasSize(3);
	}

	@Test
	void refusesADatabaseWithAppliedMigrations() {
		reversibleMigrations();
		Migrator.builder(db.dataSource()).migrations(this.migrations).build().migrateSteps(1);
		assertThatIllegalStateException().isThrownBy(() -> verifier().verifyUpDownUp())
			.withMessageContaining("needs a fresh database")
			.withMessageContaining("20260901090000_create_users");
	}

	@Test
	void namesTheMigrationWhoseStepFails() {
		reversibleMigrations();
		this.migrations.add(migration("20260901090300_broken_down", (q) -> q.addColumn("users", "x", DataType.text()),
				(q) -> q.removeColumn("users", "no_such_column")));
		assertThatExceptionOfType(MigrationVerificationError.class).isThrownBy(() -> verifier().verifyUpDownUp())
			.satisfies((error) -> assertThat(error.getMigrationId()).isEqualTo("20260901090300_broken_down"))
			.withMessageContaining("down of 20260901090300_broken_down failed")
			.withMessageContaining("no_such_column");
	}

	private static Migration migration(String id, Body up, Body down) {
		return new Migration() {

			@Override
			public String id() {
				return id;
			}

			@Override
			public void up(QueryInterface q) {
				up.run(q);
			}

			@Override
			public void down(QueryInterface q) {
				down.run(q);
			}

		};
	}

	@FunctionalInterface
	interface Body {

		void run(QueryInterface q);

	}

}
