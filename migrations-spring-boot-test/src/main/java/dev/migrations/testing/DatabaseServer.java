package dev.migrations.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The PostgreSQL server that holds the template databases and their copies, reached through an administrative
 * database: creates a template once (safe when several JVMs try at once), copies it, and drops copies.
 */
final class DatabaseServer {

	private static final Log logger = LogFactory.getLog(DatabaseServer.class);

	private static final String PREFIX = "jdbc:postgresql://";

	private final String url;

	private final @Nullable String user;

	private final @Nullable String password;

	private final String adminDatabase;

	/**
	 * @param url a JDBC URL of any database on the server; only its host, port and parameters are used
	 */
	DatabaseServer(String url, @Nullable String user, @Nullable String password, String adminDatabase) {
		if (!url.startsWith(PREFIX)) {
			throw new IllegalStateException("@MigratedDatabase needs a PostgreSQL server: spring.datasource.url must "
					+ "start with " + PREFIX + ", but is " + url);
		}
		this.url = url;
		this.user = user;
		this.password = password;
		this.adminDatabase = adminDatabase;
	}

	/** The JDBC URL of another database on the same server, with the same parameters. */
	String urlOf(String database) {
		int slash = this.url.indexOf('/', PREFIX.length());
		if (slash < 0) {
			return this.url + "/" + database;
		}
		int query = this.url.indexOf('?', slash);
		return this.url.substring(0, slash + 1) + database + ((query >= 0) ? this.url.substring(query) : "");
	}

	/**
	 * Creates the template database {@code name} unless it exists: under a session advisory lock on the administrative
	 * database (another JVM creating the same template waits, then finds it), built under a temporary name and
	 * renamed only once {@code migrate} succeeded, so a template that exists is complete.
	 * @return whether this call created it
	 */
	boolean ensureTemplate(String name, Consumer<DataSource> migrate) {
		try (Connection admin = connect(this.adminDatabase)) {
			long key = lockKey(name);
			execute(admin, "SELECT pg_advisory_lock(?)", key);
			try {
				if (exists(admin, name)) {
					return false;
				}
				String building = name + "_new";
				// Only a builder that crashed leaves this behind: nobody else builds it while the lock is held.
				execute(admin, "DROP DATABASE IF EXISTS " + quote(building) + " WITH (FORCE)");
				execute(admin, "CREATE DATABASE " + quote(building));
				try {
					migrate.accept(dataSourceOf(building));
					execute(admin, "ALTER DATABASE " + quote(building) + " RENAME TO " + quote(name));
				}
				catch (RuntimeException | SQLException ex) {
					dropQuietly(admin, building);
					throw ex;
				}
				logger.info("Created template database " + name);
				return true;
			}
			finally {
				execute(admin, "SELECT pg_advisory_unlock(?)", key);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create template database " + name + " on " + urlOf(name) + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** Creates database {@code name} as a copy of {@code template}. */
	void copy(String template, String name) {
		try (Connection admin = connect(this.adminDatabase)) {
			execute(admin, "CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(template));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name + " from template " + template + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** Drops the database, ending the sessions still connected to it. */
	void drop(String name) {
		try (Connection admin = connect(this.adminDatabase)) {
			execute(admin, "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop database " + name + ": " + ex.getMessage(), ex);
		}
	}

	/** A DataSource without a pool on database {@code name}: every connection is closed when returned. */
	DataSource dataSourceOf(String name) {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
		dataSource.setDriver(driver());
		dataSource.setUrl(urlOf(name));
		if (this.user != null) {
			dataSource.setUsername(this.user);
		}
		if (this.password != null) {
			dataSource.setPassword(this.password);
		}
		return dataSource;
	}

	private java.sql.Driver driver() {
		try {
			return DriverManager.getDriver(this.url);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("No JDBC driver for " + this.url + " (is org.postgresql:postgresql on the "
					+ "test classpath?)", ex);
		}
	}

	private Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		if (this.user != null) {
			properties.setProperty("user", this.user);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		return driver().connect(urlOf(database), properties);
	}

	private static boolean exists(Connection admin, String name) throws SQLException {
		try (PreparedStatement statement = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	private static void dropQuietly(Connection admin, String name) {
		try {
			execute(admin, "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			logger.warn("Could not drop the unfinished template database " + name, ex);
		}
	}

	private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
		if (parameters.length == 0) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			statement.execute();
		}
	}

	/** A database name as a quoted identifier (ours are generated lowercase hex, but identifiers are always quoted). */
	static String quote(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static long lockKey(String template) {
		return ByteBuffer.wrap(sha256("migrations-template:" + template)).getLong();
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
