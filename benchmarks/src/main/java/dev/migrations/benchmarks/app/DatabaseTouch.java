package dev.migrations.benchmarks.app;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Uses the database once while the context starts, in every variant and with the tool on or off, as a real app does
 * (a cache warm-up, a repository, a health check). Without it the app with the tool off would never open a
 * connection, and "on − off" would charge the tool for starting the connection pool and loading the JDBC driver,
 * which every app that uses its database pays anyway. {@link JdbcTemplate} waits for the database initializers, so
 * this runs after the migrations.
 */
class DatabaseTouch implements InitializingBean {

	private final JdbcTemplate jdbcTemplate;

	DatabaseTouch(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Override
	public void afterPropertiesSet() {
		this.jdbcTemplate.queryForObject("SELECT 1", Integer.class);
	}

}
