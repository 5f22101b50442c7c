package dev.migrations.schema;

import java.util.List;

import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How two catalogs differ, object by object, on a real database.
 */
class CatalogSnapshotTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@BeforeEach
	void reset() {
		db.reset();
		db.jdbc().execute("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)");
	}

	@Test
	void isEqualForTheSameSchema() throws Exception {
		assertThat(CatalogSnapshot.read(db.dataSource())).isEqualTo(CatalogSnapshot.read(db.dataSource()));
		assertThat(CatalogSnapshot.read(db.dataSource()).differencesFrom(CatalogSnapshot.read(db.dataSource())))
			.isEmpty();
	}

	@Test
	void namesAnAddedColumn() throws Exception {
		CatalogSnapshot before = CatalogSnapshot.read(db.dataSource());
		db.jdbc().execute("ALTER TABLE users ADD COLUMN age integer DEFAULT 0");
		List<CatalogDifference> differences = CatalogSnapshot.read(db.dataSource()).differencesFrom(before);
		assertThat(differences).singleElement().satisfies((difference) -> {
			assertThat(difference.kind()).isEqualTo(CatalogDifference.Kind.ADDED);
			assertThat(difference.object()).isEqualTo("column public.users.age");
			assertThat(difference.toString()).startsWith("added column public.users.age integer notnull=false default=0");
		});
	}

	@Test
	void namesAnEnumTypeLeftBehindAndAChangedType() throws Exception {
		CatalogSnapshot before = CatalogSnapshot.read(db.dataSource());
		db.jdbc().execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
		db.jdbc().execute("ALTER TABLE users ALTER COLUMN name TYPE varchar(40)");
		List<CatalogDifference> differences = CatalogSnapshot.read(db.dataSource()).differencesFrom(before);
		assertThat(differences).extracting(CatalogDifference::toString)
			.containsExactly(
					"changed column public.users.name: expected text notnull=true default=- identity= generated= position=2, "
							+ "found character varying(40) notnull=true default=- identity= generated= position=2",
					"added type public.mood e sad,happy");
	}

	@Test
	void namesARemovedIndex() throws Exception {
		db.jdbc().execute("CREATE INDEX users_name ON users (name)");
		CatalogSnapshot before = CatalogSnapshot.read(db.dataSource());
		db.jdbc().execute("DROP INDEX users_name");
		assertThat(CatalogSnapshot.read(db.dataSource()).differencesFrom(before))
			.extracting(CatalogDifference::kind, CatalogDifference::object)
			.contains(org.assertj.core.groups.Tuple.tuple(CatalogDifference.Kind.REMOVED, "index public.users_name"));
	}

	@Test
	void leavesOutExcludedTables() throws Exception {
		db.jdbc().execute("CREATE TABLE schema_migrations (id text PRIMARY KEY)");
		assertThat(CatalogSnapshot.read(db.dataSource(), "schema_migrations").lines())
			.noneMatch((line) -> line.contains("schema_migrations"));
		assertThat(CatalogSnapshot.read(db.dataSource()).lines()).anyMatch((line) -> line.contains("schema_migrations"));
	}

}
