package dev.migrations.dialect;

/**
 * Thrown when the migrations run against a database that has no {@link Dialect}.
 */
public class UnsupportedDatabaseException extends RuntimeException {

	public UnsupportedDatabaseException(String product) {
		super("Migrations support PostgreSQL, MariaDB and MySQL, but the DataSource connects to " + product
				+ ". Point migrations.url (or the DataSource) at one of them.");
	}

}
