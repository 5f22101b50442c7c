package dev.migrations.core;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the migrator and the seed runner both record about a run: who ran it, when, for how long, and why it failed.
 */
final class Runs {

	private static final Log logger = LogFactory.getLog(Runs.class);

	private Runs() {
	}

	/**
	 * This machine's host name, for the history's {@code applied_by}. Read locally: resolving it through
	 * {@code InetAddress} may query DNS, and the library makes no network calls. Read once: every migrator and seed
	 * runner built at startup asks for it.
	 */
	static String hostName() {
		return HostName.VALUE;
	}

	/** Holds the host name, read when first asked for. */
	private static final class HostName {

		static final String VALUE = read();

		private static String read() {
			String host = System.getenv("HOSTNAME");
			if (host == null || host.isBlank()) {
				host = System.getenv("COMPUTERNAME");
			}
			if (host == null || host.isBlank()) {
				try {
					host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
				}
				catch (Exception ex) {
					host = null;
				}
			}
			return (host != null && !host.isBlank()) ? host : "unknown";
		}

	}

	/**
	 * The name a migration or seeder added without one goes by in messages: its class, numbered from 2 when the class
	 * backs several.
	 */
	static String sourceName(Object instance, java.util.function.Predicate<String> taken) {
		String name = MigrationIds.userClass(instance.getClass()).getName();
		String source = name;
		for (int n = 2; taken.test(source); n++) {
			source = name + "#" + n;
		}
		return source;
	}

	/** Lets a failure of the JVM itself (out of memory) through unwrapped, after the rollback. */
	static void rethrowFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError error) {
			throw error;
		}
	}

	/**
	 * Closes a run's connection. An aborted one may refuse even to close: the pool has evicted it already, so that
	 * failure is expected and not reported.
	 */
	static void close(Connection connection, boolean usable) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			if (usable) {
				logger.warn("Could not close the migrations connection", ex);
			}
		}
	}

	static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	static long millis(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
	}

	/** The failure's own message and its root cause's, once each: what a history row and an error message show. */
	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getName();
		return (root != ex && ex.getMessage() != null && !ex.getMessage().contains(message))
				? ex.getMessage() + ": " + message : message;
	}

}
