package dev.migrations.core;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A separate JVM for {@link SessionGuardTests}: takes the migrations lock and runs a long non-transactional statement
 * until it is killed. Arguments: JDBC URL, user, password, connection check interval in milliseconds.
 */
public final class OrphanedMigrationProcess {

	private OrphanedMigrationProcess() {
	}

	public static void main(String[] args) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(args[0], args[1], args[2]);
		Migrator.builder(dataSource)
			.connectionCheckInterval(Duration.ofMillis(Long.parseLong(args[3])))
			.migrations(List.of(Fixture.nonTransactional("20260101000000_long_statement",
					(q) -> q.sql("SELECT pg_sleep(60)"), (q) -> q.sql("SELECT 1"))))
			.build()
			.migrate();
	}

}
