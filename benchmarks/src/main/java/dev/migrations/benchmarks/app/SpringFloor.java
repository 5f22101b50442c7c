package dev.migrations.benchmarks.app;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.migrations.benchmarks.floor.Floor;
import org.springframework.beans.factory.InitializingBean;

/**
 * The floor inside Spring: the same statements as {@link Floor}, run by a bean of the same app as the tools, on a
 * connection from the app's pool, at the point of startup where a tool migrates. What it costs over the plain floor is
 * what any migration done inside a Spring Boot app pays (the pool's start, the JIT still compiling the startup's code,
 * a bigger heap); what the starter costs over it is the starter's own.
 */
class SpringFloor implements InitializingBean {

	private final DataSource dataSource;

	private final int migrations;

	SpringFloor(DataSource dataSource, int migrations) {
		this.dataSource = dataSource;
		this.migrations = migrations;
	}

	@Override
	public void afterPropertiesSet() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			Floor.migrate(connection, this.migrations);
		}
	}

}
