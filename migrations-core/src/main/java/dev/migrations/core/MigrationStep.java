package dev.migrations.core;

/**
 * One migration or seeder about to run or just run in one direction, as listeners see it.
 *
 * @param id the migration's or seeder's id
 * @param description the description part of the id
 * @param direction up (a migration's {@code up}, a seeder's {@code run}) or down ({@code down}, {@code undo})
 * @param transactional whether it runs in one transaction
 * @param kind whether it is a migration or a seeder
 */
public record MigrationStep(String id, String description, Direction direction, boolean transactional, Kind kind) {

	/** A migration's step. */
	public MigrationStep(String id, String description, Direction direction, boolean transactional) {
		this(id, description, direction, transactional, Kind.MIGRATION);
	}

	/** What a step runs. */
	public enum Kind {

		/** A {@link Migration}, recorded in the migrations history. */
		MIGRATION,

		/** A {@link Seeder}, recorded in the seed history. */
		SEEDER;

		/** {@code migration} or {@code seeder}, for messages. */
		String noun() {
			return (this == MIGRATION) ? "migration" : "seeder";
		}

	}

}
