package dev.migrations.schema;

import java.util.List;
import java.util.function.Consumer;

import dev.migrations.dialect.PostgresDialect;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh database per test class, a {@link QueryInterface} on it, and the round trip every operation is tested with:
 * snapshot the catalog, run the operation, check the catalog, run the inverse, compare with the first snapshot.
 */
abstract class SchemaTestSupport {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	JdbcExecutor executor;

	QueryInterface q;

	@BeforeEach
	void resetDatabase() {
		db.reset();
		this.executor = new JdbcExecutor(db.dataSource());
		this.q = new DefaultQueryInterface(new PostgresDialect(), this.executor, null);
	}

	JdbcTemplate jdbc() {
		return db.jdbc();
	}

	CatalogSnapshot snapshot() {
		return CatalogSnapshot.of(db.dataSource());
	}

	/** Runs a reversible change, checks the catalog, reverts it and checks the schema is back to what it was. */
	void roundTrip(ReversibleChange change, Consumer<CatalogSnapshot> check) throws Exception {
		CatalogSnapshot before = snapshot();
		this.q.applyReversible(change);
		CatalogSnapshot after = snapshot();
		assertThat(after).isNotEqualTo(before);
		check.accept(after);
		this.q.revert(change);
		assertThat(snapshot().lines()).isEqualTo(before.lines());
	}

	/** Runs an operation and its explicit inverse, checking the catalog in between. */
	void roundTrip(ReversibleChange up, ReversibleChange down, Consumer<CatalogSnapshot> check) throws Exception {
		CatalogSnapshot before = snapshot();
		up.change(this.q);
		check.accept(snapshot());
		down.change(this.q);
		assertThat(snapshot().lines()).isEqualTo(before.lines());
	}

	static Consumer<CatalogSnapshot> has(String... lines) {
		return (snapshot) -> assertThat(snapshot.lines()).contains(lines);
	}

	/** Each text must be contained in some line of the snapshot. */
	static Consumer<CatalogSnapshot> hasLinesContaining(String... texts) {
		return (snapshot) -> {
			for (String text : texts) {
				assertThat(snapshot.lines()).as("a catalog line containing: " + text)
					.anyMatch((line) -> line.contains(text));
			}
		};
	}

	List<String> queryStrings(String sql, Object... args) {
		return jdbc().queryForList(sql, String.class, args);
	}

}
