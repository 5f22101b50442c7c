package dev.migrations.core;

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

}
