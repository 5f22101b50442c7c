package dev.migrations.testing.sample;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@code @MigratedDatabase} test class checks on its database: it is a copy, migrated, and its own (a row
 * that every test class inserts with the same unique email would collide in a shared database).
 */
final class CopyAssertions {

	private CopyAssertions() {
	}

	static void isOwnMigratedCopy(JdbcTemplate jdbc) {
		assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("mtc_");
		assertThat(jdbc.queryForList("SELECT id FROM schema_migrations ORDER BY id", String.class))
			.containsExactly("20260801090000_create_accounts", "20260801090100_add_accounts_name");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts", Long.class)).isZero();
		jdbc.update("INSERT INTO accounts (email, name) VALUES ('same@example.com', 'Same')");
		List<String> templates = jdbc.queryForList(
				"SELECT datname FROM pg_database WHERE datname LIKE 'mtpl\\_%' AND datname NOT LIKE '%\\_new'",
				String.class);
		assertThat(templates).isNotEmpty();
	}

}
