package dev.migrations.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use, resolved once per JVM: the JDBC URL in {@code MIGRATIONS_TEST_POSTGRES_URL}
 * (CI sets it); else a Testcontainers PostgreSQL when Docker is available; else the local server at
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres} as user {@code postgres}. The URL names the administrative
 * database that fresh test databases are created from.
 */
public final class TestPostgres {

	public static final String URL_VARIABLE = "MIGRATIONS_TEST_POSTGRES_URL";

	private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static volatile TestPostgres instance;

	private final String url;

	private final String user;

	private final String password;

	private TestPostgres(String url, String user, String password) {
		this.url = url;
		this.user = user;
		this.password = password;
	}

	public static TestPostgres get() {
		TestPostgres result = instance;
		if (result == null) {
			synchronized (TestPostgres.class) {
				result = instance;
				if (result == null) {
					result = resolve();
					instance = result;
				}
			}
		}
		return result;
	}

	private static TestPostgres resolve() {
		String configured = System.getenv(URL_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			return new TestPostgres(configured, env("MIGRATIONS_TEST_POSTGRES_USER", "postgres"),
					env("MIGRATIONS_TEST_POSTGRES_PASSWORD", ""));
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
			container.start();
			return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		return new TestPostgres(LOCAL_URL, "postgres", "");
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	public String user() {
		return this.user;
	}

	public String password() {
		return this.password;
	}

	/** The URL of another database on the same server. */
	public String urlOf(String database) {
		int slash = this.url.indexOf('/', "jdbc:postgresql://".length());
		int query = this.url.indexOf('?', slash);
		return this.url.substring(0, slash + 1) + database + ((query >= 0) ? this.url.substring(query) : "");
	}

	Connection admin() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		properties.setProperty("password", this.password);
		return DriverManager.getConnection(this.url, properties);
	}

	void execute(String sql) {
		try (Connection connection = admin(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Test database setup failed: " + sql, ex);
		}
	}

}
