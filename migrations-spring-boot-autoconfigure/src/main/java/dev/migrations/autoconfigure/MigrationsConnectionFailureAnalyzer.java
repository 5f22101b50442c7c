package dev.migrations.autoconfigure;

import java.sql.SQLException;

import dev.migrations.core.MigrationException;
import dev.migrations.core.MigrationFailedException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The migrations could not connect to the database at startup (bad credentials, an unknown database, a server that
 * cannot be reached): names the URL without its password, the user, and the properties to check, {@code migrations.*}
 * or {@code spring.datasource.*}, whichever the migrations connect with.
 */
class MigrationsConnectionFailureAnalyzer implements FailureAnalyzer {

	private static final String[] MIGRATION_BEANS = { "migrationsInitializer", "seedersInitializer", "migrator",
			"seedRunner" };

	private final @Nullable Environment environment;

	MigrationsConnectionFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		SQLException connection = connectionFailure(failure);
		if (connection == null || !fromMigrations(failure)) {
			return null;
		}
		boolean own = StringUtils.hasText(property("migrations.url"));
		String url = redact(own ? property("migrations.url") : property("spring.datasource.url"));
		String user = StringUtils.hasText(property("migrations.user")) ? property("migrations.user")
				: property("spring.datasource.username");
		String state = String.valueOf(connection.getSQLState());
		String what = state.startsWith("28") ? "rejected the login"
				: state.equals("3D000") ? "has no such database" : "could not be reached";
		String description = "Migrations could not connect to the database: the server " + what + ".\n\n    URL: "
				+ ((url != null) ? url : "(the application's DataSource)") + "\n    user: "
				+ ((user != null) ? user : "(not set)") + "\n    error: " + connection.getMessage() + " (SQLState "
				+ state + ")";
		String properties = own ? "migrations.url, migrations.user and migrations.password"
				: "spring.datasource.url, spring.datasource.username and spring.datasource.password (or "
						+ "migrations.url, migrations.user and migrations.password when migrations connect on "
						+ "their own)";
		String action = (state.startsWith("28") ? "Check the user and password"
				: state.equals("3D000") ? "Check the database name in the URL, or create the database"
						: "Check that the database server is running and reachable at that host and port")
				+ "; the connection is set by " + properties + ".";
		return new FailureAnalysis(description, action, failure);
	}

	/** The first SQL exception of the chain that is about connecting: connection, login, or unknown database. */
	private static @Nullable SQLException connectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")) {
					return sql;
				}
			}
		}
		return null;
	}

	/** Whether the migrations failed, rather than something else of the application using the same database. */
	private static boolean fromMigrations(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof MigrationFailedException) {
				// A migration that lost its connection midway: MigrationFailedFailureAnalyzer says what it left.
				return false;
			}
			if (cause instanceof MigrationException) {
				return true;
			}
			if (cause instanceof BeanCreationException creation && creation.getBeanName() != null) {
				for (String name : MIGRATION_BEANS) {
					if (name.equals(creation.getBeanName())) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private @Nullable String property(String name) {
		return (this.environment != null) ? this.environment.getProperty(name) : null;
	}

	/** The URL without a password: the user-info part and any {@code password} parameter are masked. */
	static @Nullable String redact(@Nullable String url) {
		if (url == null) {
			return null;
		}
		String redacted = url.replaceAll("(?i)(password=)[^&;]*", "$1******");
		return redacted.replaceAll("//([^/@:]*):[^/@]*@", "//$1:******@");
	}

}
