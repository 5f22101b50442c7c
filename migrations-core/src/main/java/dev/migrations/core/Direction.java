package dev.migrations.core;

/**
 * Which way a migration runs.
 */
public enum Direction {

	/** {@code up}: apply. */
	UP,

	/** {@code down}: undo. */
	DOWN

}
