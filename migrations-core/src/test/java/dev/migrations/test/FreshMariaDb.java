package dev.migrations.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MariaDB database of its own for one test class, created empty before the class and dropped after it, on the
 * server in {@code MIGRATIONS_TEST_MARIADB_URL} (user {@code MIGRATIONS_TEST_MARIADB_USER}, password
 * {@code MIGRATIONS_TEST_MARIADB_PASSWORD}), else {@code jdbc:mariadb://127.0.0.1:3306/} as {@code root} without a
 * password. Where no server answers, the class is skipped with a message ({@link #optional()}: only the tests that
 * {@link #require()} it). <pre>{@code
 * @RegisterExtension
 * static final FreshMariaDb db = new FreshMariaDb();
 * }</pre>
 */
public class FreshMariaDb implements TestDatabase, BeforeAllCallback, AfterAllCallback {

	public static final String URL_VARIABLE = "MIGRATIONS_TEST_MARIADB_URL";

	private static final String LOCAL_URL = "jdbc:mariadb://127.0.0.1:3306/";

	private final String serverUrl = env(URL_VARIABLE, LOCAL_URL);

	private final String user = env("MIGRATIONS_TEST_MARIADB_USER", "root");

	private final String password = env("MIGRATIONS_TEST_MARIADB_PASSWORD", "");

	private final boolean skipClass;

	private String name;

	private String unavailable;

	private HikariDataSource dataSource;

	public FreshMariaDb() {
		this(true);
	}

	private FreshMariaDb(boolean skipClass) {
		this.skipClass = skipClass;
	}

	/** For a suite that runs on other databases too: only the tests that {@link #require()} it are skipped. */
	public static FreshMariaDb optional() {
		return new FreshMariaDb(false);
	}

	@Override
	public String product() {
		return "MariaDB";
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		create();
		if (this.skipClass) {
			require();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		drop();
	}

	@Override
	public void require() {
		Assumptions.assumeTrue(this.unavailable == null, () -> this.unavailable);
	}

	/** Creates the database, or remembers why it could not. */
	public void create() {
		this.name = "mt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT);
		try (Connection connection = admin(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + this.name);
			this.unavailable = null;
		}
		catch (SQLException ex) {
			this.unavailable = "No MariaDB answers at " + this.serverUrl + " as " + this.user + " (" + ex.getMessage()
					+ "): the MariaDB tests are skipped. Start one, or point " + URL_VARIABLE + " at one.";
			this.name = null;
		}
	}

	/** Drops the database; the sessions still connected to it keep theirs until they close. */
	public void drop() {
		if (this.dataSource != null) {
			this.dataSource.close();
			this.dataSource = null;
		}
		if (this.name != null) {
			try (Connection connection = admin(); Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + this.name);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not drop the test database " + this.name, ex);
			}
			this.name = null;
		}
	}

	/** Empties the database between tests: drops every table and view in it. */
	@Override
	public void reset() {
		require();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			List<String> views = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
					+ "WHERE TABLE_SCHEMA = DATABASE()")) {
				while (rs.next()) {
					(rs.getString(2).equals("VIEW") ? views : tables).add(quote(rs.getString(1)));
				}
			}
			statement.execute("SET SESSION foreign_key_checks = 0");
			if (!views.isEmpty()) {
				statement.execute("DROP VIEW " + String.join(", ", views));
			}
			if (!tables.isEmpty()) {
				statement.execute("DROP TABLE " + String.join(", ", tables));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not empty the test database " + this.name, ex);
		}
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String url() {
		require();
		int query = this.serverUrl.indexOf('?');
		String base = (query >= 0) ? this.serverUrl.substring(0, query) : this.serverUrl;
		return base + (base.endsWith("/") ? "" : "/") + this.name + ((query >= 0) ? this.serverUrl.substring(query) : "");
	}

	@Override
	public String user() {
		return this.user;
	}

	@Override
	public String password() {
		return this.password;
	}

	@Override
	public DataSource dataSource() {
		if (this.dataSource == null) {
			this.dataSource = newDataSource(10);
		}
		return this.dataSource;
	}

	@Override
	public HikariDataSource newDataSource(int maximumPoolSize) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url());
		config.setUsername(this.user);
		config.setPassword(this.password);
		config.setMaximumPoolSize(maximumPoolSize);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	@Override
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), this.user, this.password);
	}

	private Connection admin() throws SQLException {
		return DriverManager.getConnection(this.serverUrl, this.user, this.password);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
