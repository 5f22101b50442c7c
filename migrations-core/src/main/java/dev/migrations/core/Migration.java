package dev.migrations.core;

import java.time.Duration;

import dev.migrations.schema.QueryInterface;
import org.jspecify.annotations.Nullable;

/**
 * A migration: one versioned change to the schema, with {@link #up} and, when it can be reversed, {@link #down}.
 *
 * <p>Declare it as a Spring bean, or just put the class in a scanned package; the id comes from
 * {@link MigrationId @MigrationId} or from overriding {@link #id()}: <pre>{@code
 * @MigrationId("20260501120000_create_orders")
 * public class CreateOrders implements Migration {
 *     public void up(QueryInterface q) { q.createTable("orders", t -> t.bigIdentity("id").primaryKey()); }
 *     public void down(QueryInterface q) { q.dropTable("orders"); }
 * }}</pre>
 *
 * <p>Migrations run in id order. Each runs in its own transaction together with its history row, so it is applied if
 * and only if it is recorded; {@link #transactional()} {@code false} opts out for statements PostgreSQL refuses in a
 * transaction ({@code CREATE INDEX CONCURRENTLY}).
 *
 * <p>A migration whose operations all have a known inverse can implement {@link ReversibleMigration} and write one
 * {@code change} method instead of {@code up} and {@code down}.
 */
public interface Migration {

	/**
	 * The id: a UTC timestamp {@code YYYYMMDDHHMMSS}, an underscore and a description, e.g.
	 * {@code 20260501120000_create_orders}. Ids order migrations and must be unique. By default read from
	 * {@link MigrationId @MigrationId}.
	 */
	default String id() {
		return MigrationIds.fromAnnotation(this);
	}

	/** Applies the change. */
	void up(QueryInterface q) throws Exception;

	/**
	 * Reverses {@link #up}. A migration that does not override it is irreversible: undo stops before it with an error
	 * and changes nothing.
	 */
	default void down(QueryInterface q) throws Exception {
		throw new IrreversibleMigrationException(id());
	}

	/**
	 * Whether the migration runs in one transaction with its history row (the default). Return {@code false} for
	 * statements that cannot run in a transaction block; the migration is then recorded as running before it starts
	 * and as applied or failed after, and a failure midway leaves a failed row to resolve by command.
	 */
	default boolean transactional() {
		return true;
	}

	/**
	 * This migration's PostgreSQL {@code lock_timeout}, or {@code null} for {@code migrations.safety.lock-timeout}.
	 * A statement that waits longer for its lock fails and the migration is retried (see the safety guide).
	 */
	default @Nullable Duration lockTimeout() {
		return null;
	}

	/**
	 * This migration's PostgreSQL {@code statement_timeout}, or {@code null} for
	 * {@code migrations.safety.statement-timeout}; {@link Duration#ZERO} lets its statements run as long as they need.
	 */
	default @Nullable Duration statementTimeout() {
		return null;
	}

}
