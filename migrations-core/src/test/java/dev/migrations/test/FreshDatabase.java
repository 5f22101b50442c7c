package dev.migrations.test;

import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database of its own for one test class: created empty before the class, dropped after it. <pre>{@code
 * @RegisterExtension
 * static final FreshDatabase db = new FreshDatabase();
 * }</pre>
 */
public class FreshDatabase implements TestDatabase, BeforeAllCallback, AfterAllCallback {

	@Override
	public String product() {
		return "PostgreSQL";
	}

	private final TestPostgres server = TestPostgres.get();

	private String name;

	private HikariDataSource dataSource;

	@Override
	public void beforeAll(ExtensionContext context) {
		create();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		drop();
	}

	/** Creates the database; the extension calls it before the test class. */
	public void create() {
		this.name = "mt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT);
		this.server.execute("CREATE DATABASE " + this.name);
	}

	/** Drops the database, ending any session still connected to it. */
	public void drop() {
		if (this.dataSource != null) {
			this.dataSource.close();
			this.dataSource = null;
		}
		if (this.name != null) {
			this.server.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
			this.name = null;
		}
	}

	/** Empties the database between tests: drops and recreates the public schema and every other user schema. */
	public void reset() {
		jdbc().execute("""
				DO $$ DECLARE s text; BEGIN
				  FOR s IN SELECT nspname FROM pg_namespace
				    WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
				    EXECUTE format('DROP SCHEMA %I CASCADE', s);
				  END LOOP;
				  CREATE SCHEMA public;
				END $$""");
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return this.server.urlOf(this.name);
	}

	public String user() {
		return this.server.user();
	}

	public String password() {
		return this.server.password();
	}

	/** A pooled DataSource on the database, closed with it. */
	public DataSource dataSource() {
		if (this.dataSource == null) {
			this.dataSource = newDataSource(10);
		}
		return this.dataSource;
	}

	/** A new pool on the database that the caller closes. */
	public HikariDataSource newDataSource(int maximumPoolSize) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url());
		config.setUsername(user());
		config.setPassword(password());
		config.setMaximumPoolSize(maximumPoolSize);
		config.setMinimumIdle(0);
		return new HikariDataSource(config);
	}

	/** A connection of its own, outside any pool: a separate session, as another process would have. */
	public java.sql.Connection connect() throws java.sql.SQLException {
		return java.sql.DriverManager.getConnection(url(), user(), password());
	}

	@Override
	public JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	/** Points {@code spring.datasource} at this database, from a test's {@code @DynamicPropertySource} method. */
	public void registerDataSource(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::url);
		registry.add("spring.datasource.username", this::user);
		registry.add("spring.datasource.password", this::password);
	}


}
