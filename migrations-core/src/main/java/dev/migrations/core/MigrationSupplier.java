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

	/**
	 * The migration's checksum when it is known without reading its class (recorded in a build-time index), so that a
	 * restart compares the history with the code without reading a class file; {@code null} when not known.
	 */
	default @Nullable String checksum() {
		return null;
	}

	/** Creates the migration; called at most once, when it runs or its facts are needed. */
	Migration get();

}
