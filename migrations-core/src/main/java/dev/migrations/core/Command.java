package dev.migrations.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The commands the {@link Migrator} runs, by the names used on the command line ({@code --migrations.command=undo-all}).
 */
public enum Command {

	/** Lists every migration with its state; changes nothing. */
	STATUS,

	/**
	 * Dry run: lists the pending migrations with the SQL each would run; changes nothing and takes no lock.
	 */
	PLAN,

	/** Checks that nothing is pending or failed and the validation policies hold; changes nothing. */
	VALIDATE,

	/** Applies pending migrations: all, up to {@code to} (inclusive), or {@code step} of them. */
	MIGRATE,

	/** Undoes the newest applied migration, {@code step} of them, or down to {@code to} (inclusive). */
	UNDO,

	/** Undoes every migration of the newest batch (the last migrate run that applied anything). */
	UNDO_BATCH,

	/** Undoes every applied migration. */
	UNDO_ALL,

	/** Undoes the newest applied migration and applies it again. */
	REDO,

	/** Runs failed or interrupted non-transactional migrations again, then the pending ones. */
	RETRY,

	/** Records migrations as applied without running them: the failed ones, or all pending up to {@code to}. */
	MARK_APPLIED,

	/** Removes history rows without running down: the failed ones, or all applied down to {@code to}. */
	MARK_ROLLED_BACK,

	/**
	 * Records the current checksum of every applied migration whose class changed since it ran (after a human
	 * decided that the applied schema and the code agree), and of rows written before checksums were recorded.
	 */
	ACCEPT_CHECKSUMS,

	/**
	 * Records as applied the migrations that Flyway's history ({@code flyway_schema_history}) lists as successfully
	 * applied, without running them: adopting a database from Flyway.
	 */
	IMPORT_FLYWAY,

	/**
	 * Replays every applied migration into a scratch database and compares its schema with the live one: drift made
	 * by hand shows as differences. Changes nothing in the live database.
	 */
	DIFF,

	/** Runs pending seeders (and those that run always) after the migrations; see {@link SeedRunner}. */
	SEED,

	/** Undoes the newest seeder that ran, or the one named by {@code migrations.seeders.id}. */
	SEED_UNDO,

	/** Undoes every seeder that ran, newest first. */
	SEED_UNDO_ALL;

	/** The command-line name, e.g. {@code undo-all}. */
	public String cliName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The command with the command-line name.
	 * @throws IllegalArgumentException naming the valid commands
	 */
	public static Command fromCliName(String name) {
		for (Command command : values()) {
			if (command.cliName().equalsIgnoreCase(name.trim())) {
				return command;
			}
		}
		throw new IllegalArgumentException("Unknown migrations command '" + name + "'; use one of "
				+ Arrays.stream(values()).map(Command::cliName).collect(Collectors.joining(", ")));
	}

}
