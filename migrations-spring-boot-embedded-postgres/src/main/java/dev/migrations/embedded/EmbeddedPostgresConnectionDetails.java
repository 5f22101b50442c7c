package dev.migrations.embedded;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The embedded server's {@code postgres} database as the application's JDBC connection: Spring Boot's
 * DataSourceAutoConfiguration builds the usual pool (with every {@code spring.datasource.hikari.*} setting) on it.
 */
final class EmbeddedPostgresConnectionDetails implements JdbcConnectionDetails {

	private final EmbeddedPostgresServer server;

	EmbeddedPostgresConnectionDetails(EmbeddedPostgresServer server) {
		this.server = server;
	}

	@Override
	public String getUsername() {
		return EmbeddedPostgresServer.USER;
	}

	@Override
	public String getPassword() {
		return "";
	}

	@Override
	public String getJdbcUrl() {
		return this.server.jdbcUrl(EmbeddedPostgresServer.USER);
	}

}
