package dev.migrations.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PgBouncer in {@code pool_mode = transaction} in front of a {@link FreshDatabase}, for the test class: <pre>{@code
 * @RegisterExtension @Order(1) static final FreshDatabase db = new FreshDatabase();
 * @RegisterExtension @Order(2) static final PgBouncer pooler = new PgBouncer(db);
 * }</pre>
 *
 * <p>Debian's {@code pgbouncer} is installed with {@code apt-get} when it is missing and the tests run as root; it is
 * started as the {@code postgres} OS user (it refuses to run as root) on a free port of 127.0.0.1 and stopped after
 * the class. When it cannot be installed or started, the test class is skipped with the reason, never failed.
 */
public final class PgBouncer implements BeforeAllCallback, AfterAllCallback {

	private static final String[] LOCATIONS = { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer",
			"/opt/homebrew/bin/pgbouncer" };

	/** Server connections per database and user: small, so that a test can pin every one of them. */
	public static final int POOL_SIZE = 2;

	private static String installFailure;

	private final FreshDatabase database;

	private Path directory;

	private Process process;

	private int port;

	private final List<HikariDataSource> dataSources = new ArrayList<>();

	public PgBouncer(FreshDatabase database) {
		this.database = database;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/** The JDBC URL of the database through the pooler, without server-side prepared statements, as PgBouncer needs. */
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + this.database.name() + "?prepareThreshold=0";
	}

	public int port() {
		return this.port;
	}

	/** A connection through the pooler, outside any pool of ours. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), this.database.user(), this.database.password());
	}

	/** A Hikari pool on the pooler's URL, closed after the class, as an app behind PgBouncer would have. */
	public HikariDataSource newDataSource(int maximumPoolSize) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url());
		config.setUsername(this.database.user());
		config.setPassword(this.database.password());
		config.setMaximumPoolSize(maximumPoolSize);
		config.setMinimumIdle(0);
		HikariDataSource dataSource = new HikariDataSource(config);
		this.dataSources.add(dataSource);
		return dataSource;
	}

	void start() throws Exception {
		String executable = executable();
		Assumptions.assumeTrue(executable != null, () -> "PgBouncer is not installed and could not be installed ("
				+ installFailure + "); skipping the tests through a transaction-mode pooler");
		URI server = URI.create(this.database.url().substring("jdbc:".length()));
		String host = (server.getHost() != null) ? server.getHost() : "127.0.0.1";
		int serverPort = (server.getPort() > 0) ? server.getPort() : 5432;
		this.port = freePort();
		this.directory = Files.createTempDirectory("pgbouncer");
		// pgbouncer runs as the postgres OS user: it must read the config and write its log here.
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxrwxrwx"));
		String user = this.database.user();
		String password = this.database.password();
		Path users = write("userlist.txt", "\"" + user + "\" \"" + password.replace("\"", "\"\"") + "\"\n");
		Path config = write("pgbouncer.ini", String.join("\n", "[databases]",
				this.database.name() + " = host=" + host + " port=" + serverPort + " dbname=" + this.database.name()
						+ " user=" + user + (password.isEmpty() ? "" : " password=" + password),
				"", "[pgbouncer]", "listen_addr = 127.0.0.1", "listen_port = " + this.port, "unix_socket_dir =",
				"auth_type = trust", "auth_file = " + users, "pool_mode = transaction",
				"default_pool_size = " + POOL_SIZE, "min_pool_size = 0", "reserve_pool_size = 0",
				"max_client_conn = 100",
				// What PgBouncer does by default: the reset query runs only in session mode.
				"server_reset_query = DISCARD ALL", "server_reset_query_always = 0",
				"ignore_startup_parameters = extra_float_digits", "logfile = " + this.directory.resolve("pgbouncer.log"),
				"pidfile = " + this.directory.resolve("pgbouncer.pid"), ""));
		List<String> command = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.addAll(List.of(executable, config.toString()));
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("stdout.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		SQLException last = null;
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			try (Connection connection = connect()) {
				return;
			}
			catch (SQLException ex) {
				last = ex;
				Thread.sleep(100);
			}
		}
		String log = log();
		stop();
		Assumptions.abort("PgBouncer did not start (" + ((last != null) ? last.getMessage() : "exited") + "): " + log);
	}

	private String log() {
		StringBuilder log = new StringBuilder();
		for (String name : List.of("stdout.log", "pgbouncer.log")) {
			try {
				Path file = this.directory.resolve(name);
				if (Files.exists(file)) {
					log.append(Files.readString(file, StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				log.append(ex);
			}
		}
		return log.toString();
	}

	private Path write(String name, String content) throws IOException {
		Path file = this.directory.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		return file;
	}

	void stop() {
		this.dataSources.forEach(HikariDataSource::close);
		this.dataSources.clear();
		if (this.process != null) {
			// runuser forks pgbouncer: stop the children we started, then runuser itself.
			List<ProcessHandle> children = this.process.descendants().toList();
			children.forEach(ProcessHandle::destroy);
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					children.forEach(ProcessHandle::destroyForcibly);
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
		if (this.directory != null) {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a temp dir left behind is harmless
			}
			this.directory = null;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	/** The pgbouncer executable, installed with apt-get when missing and possible; {@code null} when there is none. */
	private static synchronized String executable() {
		String found = find();
		if (found != null || installFailure != null) {
			return found;
		}
		if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
			installFailure = "not root, or no apt-get";
			return null;
		}
		if (!apt("install", "-y", "pgbouncer")) {
			apt("update");
			apt("install", "-y", "pgbouncer");
		}
		found = find();
		if (found == null) {
			installFailure = "apt-get install -y pgbouncer failed";
		}
		return found;
	}

	private static String find() {
		for (String location : LOCATIONS) {
			if (Files.isExecutable(Path.of(location))) {
				return location;
			}
		}
		return null;
	}

	private static boolean apt(String... arguments) {
		List<String> command = new ArrayList<>(List.of("apt-get", "-q"));
		command.addAll(List.of(arguments));
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
			Process apt = builder.start();
			if (!apt.waitFor(5, TimeUnit.MINUTES)) {
				apt.destroyForcibly();
				return false;
			}
			return apt.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
