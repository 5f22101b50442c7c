package dev.migrations.core;

import java.util.List;

import dev.migrations.safety.Acknowledge;
import dev.migrations.safety.UnsafeMigrationException;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * On the real database, through the migrator: what a DO block runs and what rewrites or empties a whole table is
 * checked like any other statement (issue 15, item 9).
 */
class SafetyChecksInsideBodiesTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final String ADD_FK_IN_DO_BLOCK = """
			DO $$
			BEGIN
			  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_user_fk') THEN
			    ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
			  END IF;
			END $$""";

	@BeforeEach
	void reset() {
		db.reset();
		db.jdbc().execute("CREATE TABLE users (id bigint PRIMARY KEY)");
		db.jdbc().execute("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint)");
	}

	@Test
	void aForeignKeyWithoutNotValidInADoBlockIsRefusedBeforeAnythingRuns() {
		Migration migration = Fixture.of("20260301000000_orders_user_fk", (q) -> q.sql(ADD_FK_IN_DO_BLOCK),
				(q) -> q.sql("ALTER TABLE orders DROP CONSTRAINT orders_user_fk"));
		CatalogSnapshot before = CatalogSnapshot.of(db.dataSource(), "none");
		assertThatExceptionOfType(UnsafeMigrationException.class)
			.isThrownBy(() -> Migrator.builder(db.dataSource()).migrations(List.of(migration)).build().migrate())
			.withMessageContaining("[add-foreign-key-validated] migration 20260301000000_orders_user_fk")
			.withMessageContaining("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY")
			.withMessageContaining("NOT VALID");
		assertThat(CatalogSnapshot.of(db.dataSource(), "none")).isEqualTo(before);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_user_fk'",
				Integer.class)).isZero();
	}

	@Test
	void theSameDoBlockWithNotValidRuns() {
		Migration migration = Fixture.of("20260301000000_orders_user_fk",
				(q) -> q.sql(ADD_FK_IN_DO_BLOCK.replace("REFERENCES users (id)", "REFERENCES users (id) NOT VALID")),
				(q) -> q.sql("ALTER TABLE orders DROP CONSTRAINT orders_user_fk"));
		Migrator.builder(db.dataSource()).migrations(List.of(migration)).build().migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_user_fk'",
				Integer.class)).isOne();
	}

	@Test
	void truncateOfALiveTableIsRefusedAndRunsWhenAcknowledged() {
		db.jdbc().execute("INSERT INTO users VALUES (1), (2)");
		Migration truncate = Fixture.of("20260301000000_empty_users", (q) -> q.sql("TRUNCATE users CASCADE"), (q) -> {
		});
		assertThatExceptionOfType(UnsafeMigrationException.class)
			.isThrownBy(() -> Migrator.builder(db.dataSource()).migrations(List.of(truncate)).build().migrate())
			.withMessageContaining("[truncate-table]")
			.withMessageContaining("CASCADE also empties every table with a foreign key to users");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(2);
		Migrator.builder(db.dataSource()).migrations(List.of(new AcknowledgedTruncate())).build().migrate();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM users", Integer.class)).isZero();
	}

	@Acknowledge(check = "truncate-table", reason = "the users table is reloaded by the seeder")
	static class AcknowledgedTruncate implements Migration {

		@Override
		public String id() {
			return "20260301000000_empty_users";
		}

		@Override
		public void up(QueryInterface q) {
			q.sql("TRUNCATE users CASCADE");
		}

	}

}
