package dev.migrations.core;

import org.jspecify.annotations.Nullable;

/**
 * A migration whose id is known without creating it, created only when it has to run. An application with a
 * thousand applied migrations then loads and creates none of them at startup: the id is all a restart compares with
 * the history.
 */
public interface MigrationSupplier {

	/** The migration's id, as its {@link MigrationId @MigrationId} declares it. */
	String id();

	/** The migration's class; may load it, must not create it. */
	Class<? extends Migration> type();

	/** Creates the migration; called at most once, when it runs or its facts are needed. */
	Migration get();

	/**
	 * The {@link MigrationChecksum checksum} of the migration's class, recorded when it is applied and compared by
	 * {@code validate} and {@code migrate}. The default loads the class; a supplier that knows the class name computes
	 * it from the class file instead, so that a restart loads no applied migration. Called at most once.
	 * @return the checksum, {@code null} when the class file cannot be read (a class generated at runtime)
	 */
	default @Nullable String checksum() {
		return MigrationChecksum.of(MigrationIds.userClass(type()));
	}

}
