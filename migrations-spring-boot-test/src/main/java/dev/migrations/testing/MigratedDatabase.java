package dev.migrations.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated Spring test class a PostgreSQL database of its own that is already migrated: a
 * {@code CREATE DATABASE … TEMPLATE …} copy of a template database, migrated once per distinct set of migrations
 * (their ids, classes and checksums) and reused by every later test class and test JVM with the same set. The copy is
 * dropped when the test class ends. <pre>{@code
 * @SpringBootTest            // or @JdbcTest, @DataJpaTest: no @AutoConfigureTestDatabase(replace = NONE) needed
 * @MigratedDatabase
 * class OrderRepositoryTests { ... }
 * }</pre>
 *
 * <p>The server is the one {@code spring.datasource.url} names (with {@code spring.datasource.username} and
 * {@code password}); the user needs the {@code CREATEDB} privilege. Before the context starts,
 * {@code spring.datasource.url} is pointed at the copy (so the context cache keys on it) and the slices' embedded
 * replacement of the DataSource is switched off ({@code spring.test.database.replace=none}). The migrations are the
 * context's own {@code Migration} beans: when the context creates its {@code Migrator}, the template is migrated by
 * that migrator on the template database (under a PostgreSQL advisory lock, so that parallel test JVMs build it
 * once), and the copy is created from it; the application's startup {@code migrate} then finds nothing pending.
 *
 * <p>Templates are named {@code mtpl_<hash of the migration set>} and copies {@code mtc_<random>}: a changed migration
 * gets a new template and the old ones stay until removed (see docs/testing-your-migrations.md).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface MigratedDatabase {

	/**
	 * The database of the server that the administrative connection (creating and dropping the template and the
	 * copies) uses; it must exist and must not be the template's database.
	 */
	String adminDatabase() default "postgres";

}
