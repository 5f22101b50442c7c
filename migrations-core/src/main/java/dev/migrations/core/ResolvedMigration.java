package dev.migrations.core;

import java.lang.reflect.Method;
import java.time.Duration;

import dev.migrations.schema.QueryInterface;
import org.jspecify.annotations.Nullable;

/**
 * A migration with its checked id. The instance, and the facts read from it, come from a {@link MigrationSupplier}
 * the first time they are needed, so that applied migrations are never created at startup.
 */
final class ResolvedMigration {

	private final String source;

	private final String id;

	/** Derived from the id when first asked for: a restart with nothing to do never asks. */
	private @Nullable String description;

	private final MigrationSupplier supplier;

	private @Nullable Migration migration;

	private @Nullable Boolean reversible;

	private boolean checksummed;

	private @Nullable String checksum;

	private ResolvedMigration(String source, String id, MigrationSupplier supplier) {
		this.source = source;
		this.id = id;
		MigrationIds.check(id, source);
		this.supplier = supplier;
	}

	/** A migration that exists already: its id is read from it. */
	static ResolvedMigration of(String source, Migration migration) {
		String id = migration.id();
		if (id == null) {
			throw new InvalidMigrationException("Migration " + source + " returned a null id");
		}
		ResolvedMigration resolved = new ResolvedMigration(source, id, new MigrationSupplier() {

			@Override
			public String id() {
				return id;
			}

			@Override
			public Class<? extends Migration> type() {
				return migration.getClass();
			}

			@Override
			public Migration get() {
				return migration;
			}

		});
		resolved.migration = migration;
		return resolved;
	}

	/** A migration created on first use. */
	static ResolvedMigration of(String source, MigrationSupplier supplier) {
		if (supplier.id() == null) {
			throw new InvalidMigrationException("Migration " + source + " has a null id");
		}
		return new ResolvedMigration(source, supplier.id(), supplier);
	}

	String source() {
		return this.source;
	}

	String id() {
		return this.id;
	}

	String description() {
		String description = this.description;
		if (description == null) {
			// Racy but safe: a String is immutable, and every thread computes the same one.
			description = MigrationIds.description(this.id);
			this.description = description;
		}
		return description;
	}

	/**
	 * The migration, created on first use.
	 * @throws InvalidMigrationException when the created migration's {@code id()} disagrees with the declared id
	 */
	synchronized Migration migration() {
		if (this.migration == null) {
			Migration created = this.supplier.get();
			if (!this.id.equals(created.id())) {
				throw new InvalidMigrationException("Migration " + this.source + " is declared with the id " + this.id
						+ " but its id() returns " + created.id() + "; keep one of them");
			}
			this.migration = created;
		}
		return this.migration;
	}

	boolean transactional() {
		return migration().transactional();
	}

	/** Its class, known without creating the migration. */
	synchronized Class<? extends Migration> type() {
		return (this.migration != null) ? this.migration.getClass() : this.supplier.type();
	}

	/** Whether its class overrides {@code down}; read from the class, without creating the migration. */
	synchronized boolean reversible() {
		if (this.reversible == null) {
			this.reversible = overridesDown(type());
		}
		return this.reversible;
	}

	@Nullable Duration lockTimeout() {
		return migration().lockTimeout();
	}

	@Nullable Duration statementTimeout() {
		return migration().statementTimeout();
	}

	/**
	 * The checksum of the migration's class, asked of its supplier on first use: a scanned migration's comes from the
	 * build-time index when there is one, else from its class file, so no applied migration is created, nor a scanned
	 * one loaded, to compute it, and one being applied does not hash its class again.
	 * @return the checksum, {@code null} when the class file cannot be read
	 */
	synchronized @Nullable String checksum() {
		if (!this.checksummed) {
			this.checksum = this.supplier.checksum();
			this.checksummed = true;
		}
		return this.checksum;
	}

	/** Whether the migration was created already. */
	synchronized boolean isCreated() {
		return this.migration != null;
	}

	private static boolean overridesDown(Class<?> type) {
		try {
			Method down = MigrationIds.userClass(type).getMethod("down", QueryInterface.class);
			return down.getDeclaringClass() != Migration.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	MigrationStep step(Direction direction) {
		return new MigrationStep(this.id, description(), direction, transactional());
	}

	/** Names the migration for messages: its id and where it came from. */
	String describe() {
		return this.id + " (" + this.source + ")";
	}

	@Override
	public String toString() {
		return describe();
	}

}
