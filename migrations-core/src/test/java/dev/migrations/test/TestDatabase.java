package dev.migrations.test;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database of its own for one test class, on PostgreSQL ({@link FreshDatabase}) or MariaDB ({@link FreshMariaDb}):
 * what a test suite that runs on both needs of it.
 */
public interface TestDatabase {

	/** The database product, as the dialect names it: {@code PostgreSQL} or {@code MariaDB}. */
	String product();

	/** Skips the calling test, with a message, when the server does not answer. */
	default void require() {
	}

	/** The database's name (a schema on MariaDB is a database: this one). */
	String name();

	String url();

	String user();

	String password();

	/** A pooled DataSource on the database, closed with it. */
	DataSource dataSource();

	/** A new pool on the database that the caller closes. */
	HikariDataSource newDataSource(int maximumPoolSize);

	/** A connection of its own, outside any pool: a separate session, as another process would have. */
	Connection connect() throws SQLException;

	default JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	/** Empties the database between tests. */
	void reset();

	/** Quotes an identifier for a test's own SQL. */
	default String quote(String identifier) {
		return "PostgreSQL".equals(product()) ? '"' + identifier + '"' : '`' + identifier + '`';
	}

	/** The databases as arguments of a parameterized test, each named by its product. */
	static java.util.stream.Stream<org.junit.jupiter.api.Named<TestDatabase>> each(TestDatabase... databases) {
		return java.util.Arrays.stream(databases).map((db) -> org.junit.jupiter.api.Named.of(db.product(), db));
	}

	/** Spring Boot properties that point {@code spring.datasource} at this database. */
	default String[] datasourceProperties() {
		return new String[] { "spring.datasource.url=" + url(), "spring.datasource.username=" + user(),
				"spring.datasource.password=" + password() };
	}

}
