package dev.migrations.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.schema.QueryInterface;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks on the declared migrations, before any database is touched.
 */
class MigrationCatalogTests {

	@MigrationId("20260501120000_create_users")
	static class CreateUsers implements Migration {

		@Override
		public void up(QueryInterface q) {
		}

	}

	static class NoId implements Migration {

		@Override
		public void up(QueryInterface q) {
		}

	}

	private static Map<String, Migration> beans(Object... nameAndMigration) {
		Map<String, Migration> beans = new LinkedHashMap<>();
		for (int i = 0; i < nameAndMigration.length; i += 2) {
			beans.put((String) nameAndMigration[i], (Migration) nameAndMigration[i + 1]);
		}
		return beans;
	}

	private static Fixture fixture(String id) {
		return Fixture.of(id, (q) -> {
		}, (q) -> {
		});
	}

	@Test
	void ordersByIdAndDerivesTheDescription() {
		MigrationCatalog catalog = MigrationCatalog.of(beans("b", fixture("20260102000000_second-step"), "a",
				fixture("20260101000000_first_step")));
		assertThat(catalog.all()).extracting(ResolvedMigration::id)
			.containsExactly("20260101000000_first_step", "20260102000000_second-step");
		assertThat(catalog.all()).extracting(ResolvedMigration::description).containsExactly("first step", "second step");
	}

	@Test
	void malformedIdNamesTheBean() {
		for (String id : List.of("create_users", "2026050112000_short", "20260501120000", "20260501120000_",
				"20260501120000 create users", "20260501120000_drop;table")) {
			assertThatExceptionOfType(InvalidMigrationException.class)
				.isThrownBy(() -> MigrationCatalog.of(beans("createUsersBean", fixture(id))))
				.withMessageContaining("createUsersBean")
				.withMessageContaining(id);
		}
	}

	@Test
	void impossibleTimestampIsRefused() {
		assertThatExceptionOfType(InvalidMigrationException.class)
			.isThrownBy(() -> MigrationCatalog.of(beans("m", fixture("20261301120000_month_13"))))
			.withMessageContaining("not a valid date and time");
	}

	@Test
	void everyFieldOfTheTimestampIsChecked() {
		for (String timestamp : List.of("20260001120000", "20260132120000", "20260431120000", "20250229120000",
				"21000229120000", "20260101240000", "20260101126000", "20260101120060", "20260100120000")) {
			assertThatExceptionOfType(InvalidMigrationException.class)
				.isThrownBy(() -> MigrationCatalog.of(beans("m", fixture(timestamp + "_x"))))
				.as(timestamp)
				.withMessageContaining("whose timestamp " + timestamp + " is not a valid date and time");
		}
		// Leap days (2000 is a leap year, 2100 above is not), the last second of a year and the first of a day.
		MigrationCatalog catalog = MigrationCatalog.of(beans("a", fixture("20240229000000_a"), "b",
				fixture("20000229120000_b"), "c", fixture("20261231235959_c"), "d", fixture("20260430000000_d")));
		assertThat(catalog.all()).hasSize(4);
	}

	@Test
	void sharedTimestampIsFoundWhereverTheMigrationsAreGiven() {
		assertThatExceptionOfType(InvalidMigrationException.class)
			.isThrownBy(() -> MigrationCatalog.of(beans("first", fixture("20260101000000_a"), "between",
					fixture("20260301000000_c"), "last", fixture("20260101000000_b"))))
			.withMessageContaining("first")
			.withMessageContaining("last")
			.withMessageContaining("share the timestamp 20260101000000");
	}

	@Test
	void duplicateIdNamesBothBeans() {
		assertThatExceptionOfType(InvalidMigrationException.class)
			.isThrownBy(() -> MigrationCatalog.of(
					beans("first", fixture("20260101000000_a"), "second", fixture("20260101000000_a"))))
			.withMessageContaining("'first'")
			.withMessageContaining("'second'")
			.withMessageContaining("20260101000000_a");
	}

	@Test
	void duplicateTimestampNamesBothMigrations() {
		assertThatExceptionOfType(InvalidMigrationException.class)
			.isThrownBy(() -> MigrationCatalog.of(
					beans("first", fixture("20260101000000_a"), "second", fixture("20260101000000_b"))))
			.withMessageContaining("first")
			.withMessageContaining("second")
			.withMessageContaining("share the timestamp 20260101000000");
	}

	@Test
	void sameClassRegisteredTwiceNamesBothBeans() {
		assertThatExceptionOfType(InvalidMigrationException.class)
			.isThrownBy(() -> MigrationCatalog.of(beans("createUsers", new CreateUsers(), "users2", new CreateUsers())))
			.withMessageContaining(CreateUsers.class.getName())
			.withMessageContaining("'createUsers'")
			.withMessageContaining("'users2'");
	}

	@Test
	void migrationWithoutIdSaysHowToGiveItOne() {
		assertThatExceptionOfType(InvalidMigrationException.class)
			.isThrownBy(() -> MigrationCatalog.of(beans("noId", new NoId())))
			.withMessageContaining(NoId.class.getName())
			.withMessageContaining("@MigrationId");
	}

	@Test
	void annotatedMigrationIsReversibleOnlyWithDown() {
		MigrationCatalog catalog = MigrationCatalog.of(beans("u", new CreateUsers(), "f", fixture("20260601000000_f")));
		assertThat(catalog.find("20260501120000_create_users").reversible()).isFalse();
		assertThat(catalog.find("20260601000000_f").reversible()).isTrue();
	}

}
