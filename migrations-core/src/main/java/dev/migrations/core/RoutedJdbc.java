package dev.migrations.core;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The {@link JdbcTemplate} that {@code q.jdbc()} hands to a migration: on the run's connection, with every statement
 * run through it (by the template, a {@code ConnectionCallback}, {@code JdbcClient}, ...) reported to the executor's
 * {@link Route} before it runs. The statements are seen at the JDBC level, where no path goes around: the SQL of a
 * {@link Statement} when it is executed, that of a {@link PreparedStatement} or {@link CallableStatement} as it was
 * prepared.
 */
final class RoutedJdbc {

	private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate");

	private static final Set<String> BATCH_EXECUTIONS = Set.of("executeBatch", "executeLargeBatch");

	private RoutedJdbc() {
	}

	/** Where the statements of {@code jdbc()} go before they run. */
	interface Route {

		/**
		 * Called with each statement's SQL before it runs (a JDBC batch: each statement of it, then the batch runs
		 * once); runs it by calling {@code execution}, or throws to stop it.
		 */
		@Nullable Object route(List<String> sql, boolean batch, Execution execution) throws SQLException;

	}

	/** One execution of a JDBC statement. */
	@FunctionalInterface
	interface Execution {

		@Nullable Object run() throws SQLException;

	}

	/**
	 * A template on the connection of the run's template (close suppressed: the run keeps it), whose statements go
	 * through the route.
	 */
	static JdbcTemplate template(JdbcTemplate run, Route route) {
		Connection connection = run.execute((ConnectionCallback<Connection>) (con) -> con);
		Connection routed = (Connection) Proxy.newProxyInstance(RoutedJdbc.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new ConnectionHandler(connection, route));
		return new JdbcTemplate(new SingleConnectionDataSource(routed, true));
	}

	private static @Nullable Object invoke(Object target, Method method, @Nullable Object @Nullable [] args)
			throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private record ConnectionHandler(Connection connection, Route route) implements InvocationHandler {

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
			String name = method.getName();
			if (name.equals("equals")) {
				return proxy == ((args != null) ? args[0] : null);
			}
			if (name.equals("hashCode")) {
				return System.identityHashCode(proxy);
			}
			Object result = RoutedJdbc.invoke(this.connection, method, args);
			if (result instanceof Statement statement && (name.equals("createStatement")
					|| name.equals("prepareStatement") || name.equals("prepareCall"))) {
				String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : null;
				Class<?> type = (statement instanceof CallableStatement) ? CallableStatement.class
						: (statement instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
				return Proxy.newProxyInstance(RoutedJdbc.class.getClassLoader(), new Class<?>[] { type },
						new StatementHandler(statement, sql, this.route, proxy));
			}
			return result;
		}

	}

	private static final class StatementHandler implements InvocationHandler {

		private final Statement statement;

		private final @Nullable String preparedSql;

		private final Route route;

		private final Object connection;

		private final List<String> batch = new ArrayList<>();

		StatementHandler(Statement statement, @Nullable String preparedSql, Route route, Object connection) {
			this.statement = statement;
			this.preparedSql = preparedSql;
			this.route = route;
			this.connection = connection;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
			String name = method.getName();
			if (name.equals("getConnection")) {
				return this.connection;
			}
			if (name.equals("addBatch")) {
				this.batch.add((args != null && args.length > 0) ? (String) args[0] : sql());
			}
			else if (name.equals("clearBatch")) {
				this.batch.clear();
			}
			else if (EXECUTIONS.contains(name)) {
				String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : sql();
				return this.route.route(List.of(sql), false, () -> call(method, args));
			}
			else if (BATCH_EXECUTIONS.contains(name)) {
				List<String> statements = List.copyOf(this.batch);
				this.batch.clear();
				return this.route.route(statements, true, () -> call(method, args));
			}
			return RoutedJdbc.invoke(this.statement, method, args);
		}

		private String sql() {
			return (this.preparedSql != null) ? this.preparedSql : "/* a JDBC statement without SQL text */";
		}

		private @Nullable Object call(Method method, @Nullable Object @Nullable [] args) throws SQLException {
			try {
				return RoutedJdbc.invoke(this.statement, method, args);
			}
			catch (SQLException | RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new SQLException(ex);
			}
		}

	}

}
