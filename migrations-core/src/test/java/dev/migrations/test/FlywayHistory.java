package dev.migrations.test;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@code flyway_schema_history} table as Flyway 10+ creates it on PostgreSQL, for the tests of
 * {@code import-flyway}.
 */
public final class FlywayHistory {

	private final JdbcTemplate jdbc;

	private int rank;

	private FlywayHistory(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates the table in the connection's current schema. */
	public static FlywayHistory create(JdbcTemplate jdbc) {
		jdbc.execute("""
				CREATE TABLE flyway_schema_history (
				  installed_rank integer PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL,
				  type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer,
				  installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
				  execution_time integer NOT NULL, success boolean NOT NULL)""");
		return new FlywayHistory(jdbc);
	}

	/** Adds a row: {@code version} {@code null} for a repeatable migration. */
	public FlywayHistory row(String version, String description, boolean success) {
		this.rank++;
		this.jdbc.update("INSERT INTO flyway_schema_history VALUES (?, ?, ?, 'SQL', ?, 1, 'flyway', now(), 5, ?)",
				this.rank, version, description,
				((version != null) ? "V" + version : "R") + "__" + description.replace(' ', '_') + ".sql", success);
		return this;
	}

}
