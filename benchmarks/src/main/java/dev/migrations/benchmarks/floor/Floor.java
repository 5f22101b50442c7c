package dev.migrations.benchmarks.floor;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The physical floor: what any migration tool must at least do, in plain JDBC without Spring. It opens one
 * connection, creates a small tracking table, then for each of the N migrations runs its statement and one INSERT
 * into the tracking table in one transaction, and commits. Prints {@code BENCH startup_ms=... step_ms=...} like the
 * apps, where the step runs from opening the connection to the last commit.
 *
 * <p>Usage: {@code Floor <jdbc-url> <user> <n>}.
 */
public final class Floor {

	private Floor() {
	}

	/**
	 * What the floor does on a connection: creates the tracking table, then runs each of the N statements and its
	 * tracking INSERT in one transaction. The Spring floor ({@code SpringFloor}) runs the same on a pooled connection.
	 */
	public static void migrate(Connection connection, int n) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE floor_history (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
		}
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO floor_history (id) VALUES (?)")) {
			for (int i = 1; i <= n; i++) {
				statement.execute(Statements.create(i));
				insert.setString(1, Integer.toString(i));
				insert.executeUpdate();
				connection.commit();
			}
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String user = args[1];
		int n = Integer.parseInt(args[2]);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long allocated = threads.getCurrentThreadAllocatedBytes();
		long start = System.nanoTime();
		try (Connection connection = DriverManager.getConnection(url, user, null)) {
			migrate(connection, n);
		}
		double stepMs = (System.nanoTime() - start) / 1e6;
		long allocatedKib = (threads.getCurrentThreadAllocatedBytes() - allocated) / 1024;
		long startupMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		System.out.println("BENCH startup_ms=" + startupMs + " step_ms=" + String.format(Locale.ROOT, "%.1f", stepMs)
				+ " tool=floor step_alloc_kib=" + allocatedKib + " startup_alloc_kib="
				+ threads.getCurrentThreadAllocatedBytes() / 1024);
	}

}
