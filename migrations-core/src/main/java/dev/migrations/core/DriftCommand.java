package dev.migrations.core;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.migrations.dialect.Feature;
import dev.migrations.schema.CatalogSnapshot;
import dev.migrations.safety.SafetyMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@code diff}: replays every applied migration into a scratch database created for the purpose and compares its
 * catalog with the live one, the history tables left out. The replay runs the migrations' {@code up} through the one
 * run path ({@link MigrateCommands}), on the scratch database, without listeners, callbacks or safety checks; the
 * live database is only read. The scratch database is dropped when the command ends, whether the replay worked or
 * not.
 */
final class DriftCommand {

	private static final Log logger = LogFactory.getLog(DriftCommand.class);

	private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql:(?://[^/?]*)?/?)([^?]*)(\\?.*)?$");

	private static final SecureRandom random = new SecureRandom();

	private final MigrationSettings settings;

	private final @Nullable Login login;

	/**
	 * @param login the login of the scratch database; {@code null} for the live connection's user without a password
	 * (trust, peer or {@code .pgpass} authentication)
	 */
	DriftCommand(MigrationSettings settings, @Nullable Login login) {
		this.settings = settings;
		this.login = login;
	}

	DriftReport diff() {
		RunConfig config = this.settings.config();
		return Session.open(config, (session) -> {
			String unsupported = session.dialect().unsupported(Feature.CATALOG_SNAPSHOT);
			if (unsupported != null) {
				throw new MigrationException("diff cannot run on " + session.dialect().name() + ": " + unsupported
						+ ". Nothing was read or created.");
			}
			HistoryStore history = this.settings.history(session);
			Plan plan = this.settings.read(session, history);
			List<ResolvedMigration> replay = new ArrayList<>();
			List<String> notReplayed = new ArrayList<>();
			for (HistoryRow row : plan.rows()) {
				ResolvedMigration migration = row.isApplied() ? this.settings.catalog().find(row.id()) : null;
				if (migration != null) {
					replay.add(migration);
				}
				else if (row.isApplied()) {
					notReplayed.add(row.id());
				}
			}
			List<String> excluded = List.of(history.table(), Defaults.SEED_TABLE, MarkCommands.FLYWAY_TABLE);
			CatalogSnapshot live = CatalogSnapshot.read(session.connection(), excluded);
			String scratch = "migrations_diff_" + HexFormat.of().formatHex(randomBytes());
			create(session, scratch);
			try {
				DataSource database = open(session.connection(), scratch);
				replay(database, replay);
				CatalogSnapshot expected = CatalogSnapshot.read(database, excluded.toArray(String[]::new));
				return new DriftReport(scratch, replay.stream().map(ResolvedMigration::id).toList(), notReplayed,
						live.differencesFrom(expected));
			}
			finally {
				drop(session, scratch);
			}
		});
	}

	/** Replays the migrations into the scratch database: the same run path, nothing heard by listeners. */
	private void replay(DataSource database, List<ResolvedMigration> migrations) {
		RunConfig live = this.settings.config();
		RunConfig config = new RunConfig(database, live.schema(), live.lockTable(), live.lockTimeout(),
				live.connectionCheckInterval(), live.timeouts(), live.retryPolicy(), live.lockRetries(),
				new Events(List.of(), List.of()), live.origin(), false, "Replaying migrations for diff", live.searchPath());
		Validation none = new Validation(ValidationPolicy.IGNORE, ValidationPolicy.IGNORE, ValidationPolicy.IGNORE,
				ValidationPolicy.IGNORE);
		MigrationSettings settings = new MigrationSettings(config, MigrationCatalog.of(migrations),
				this.settings.table(), none, SafetyMode.OFF, null, false);
		try {
			CommandRun.execute(config, Command.DIFF, (run) -> new MigrateCommands(settings).migrate(run, null, null));
		}
		catch (RuntimeException ex) {
			throw new MigrationException("diff could not replay the applied migrations into a scratch database, so "
					+ "it cannot compare schemas: " + ex.getMessage(), ex);
		}
	}

	private static void create(Session session, String name) throws SQLException {
		try (Statement statement = session.connection().createStatement()) {
			statement.execute("CREATE DATABASE " + session.dialect().quote(name));
		}
		catch (SQLException ex) {
			throw new MigrationException("diff replays the applied migrations into a scratch database, and could not "
					+ "create one (" + ex.getMessage() + "). Give the migrations user the CREATEDB privilege, or set "
					+ "migrations.url/migrations.user to a role that has it.", ex);
		}
	}

	private static void drop(Session session, String name) {
		try (Statement statement = session.connection().createStatement()) {
			// FORCE ends sessions a failed replay may have left (PostgreSQL 13+).
			statement.execute("DROP DATABASE IF EXISTS " + session.dialect().quote(name) + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			logger.warn("diff could not drop its scratch database " + name + "; drop it by hand: " + ex.getMessage());
		}
	}

	/** The scratch database on the live server: the live URL with the database replaced. */
	private DataSource open(Connection live, String name) throws SQLException {
		DatabaseMetaData metaData = live.getMetaData();
		String url = withDatabase(metaData.getURL(), name);
		Driver driver = DriverManager.getDriver(url);
		return (this.login != null) ? new SimpleDriverDataSource(driver, url, this.login.user(), this.login.password())
				: new SimpleDriverDataSource(driver, url, metaData.getUserName(), null);
	}

	/** The login of the scratch database. */
	record Login(@Nullable String user, @Nullable String password) {

		@Override
		public String toString() {
			return "Login[user=" + this.user + ", password=" + ((this.password != null) ? "******" : "none") + "]";
		}

	}

	/**
	 * The PostgreSQL JDBC URL with another database: {@code jdbc:postgresql://host:5432/app?ssl=true} becomes
	 * {@code jdbc:postgresql://host:5432/<database>?ssl=true}.
	 * @throws MigrationException for a URL that is not PostgreSQL's
	 */
	static String withDatabase(String url, String database) {
		Matcher matcher = POSTGRES_URL.matcher(url);
		if (!matcher.matches()) {
			// The URL is not repeated: it may carry a password.
			throw new MigrationException("diff creates its scratch database on PostgreSQL only, and the migrations "
					+ "connection's URL is not a PostgreSQL JDBC URL");
		}
		String prefix = matcher.group(1);
		if (!prefix.endsWith("/") && !prefix.equals("jdbc:postgresql:")) {
			prefix = prefix + "/";
		}
		return prefix + database + ((matcher.group(3) != null) ? matcher.group(3) : "");
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[6];
		random.nextBytes(bytes);
		return bytes;
	}

}
