package dev.migrations.autoconfigure;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import org.jspecify.annotations.Nullable;

/**
 * The one dispatcher of the commands that change something, shared by the command line, the endpoint's write
 * operation and the seed commands: takes a checked {@link CommandRequest} and calls the {@link Migrator} or
 * {@link SeedRunner} method it stands for. The read-only commands ({@code status}, {@code validate}, {@code plan},
 * {@code diff})
 * return a report rather than a {@link CommandResult}; their callers print or serialize it.
 */
public final class MigrationsCommands {

	private final Migrator migrator;

	private final @Nullable SeedRunner seedRunner;

	/**
	 * Creates a dispatcher.
	 * @param migrator the migrator the migration commands run on
	 * @param seedRunner the seed runner the seed commands run on, {@code null} when there is none
	 */
	public MigrationsCommands(Migrator migrator, @Nullable SeedRunner seedRunner) {
		this.migrator = migrator;
		this.seedRunner = seedRunner;
	}

	/** The migrator the migration commands run on. */
	public Migrator migrator() {
		return this.migrator;
	}

	/**
	 * The seed runner.
	 * @return the seed runner
	 * @throws InvalidCommandException when the application has none
	 */
	public SeedRunner seedRunner() {
		if (this.seedRunner == null) {
			throw new InvalidCommandException("The seed commands need a SeedRunner bean; this application has none");
		}
		return this.seedRunner;
	}

	/** Whether the application has a seed runner with at least one seeder. */
	public boolean hasSeeders() {
		return this.seedRunner != null && !this.seedRunner.seederIds().isEmpty();
	}

	/**
	 * Runs a command that changes something.
	 * @param request the command and its checked arguments
	 * @return what it did
	 * @throws InvalidCommandException for a read-only command ({@code status}, {@code validate}, {@code plan},
	 * {@code diff})
	 */
	public CommandResult run(CommandRequest request) {
		String to = request.to();
		Integer step = request.step();
		String seeder = request.seeder();
		return switch (request.command()) {
			case MIGRATE -> (to != null) ? this.migrator.migrateTo(to)
					: (step != null) ? this.migrator.migrateSteps(step) : this.migrator.migrate();
			case UNDO -> (to != null) ? this.migrator.undoTo(to) : this.migrator.undoSteps((step != null) ? step : 1);
			case UNDO_BATCH -> this.migrator.undoBatch();
			case UNDO_ALL -> this.migrator.undoAll();
			case REDO -> this.migrator.redo();
			case RETRY -> this.migrator.retry();
			case MARK_APPLIED -> this.migrator.markApplied(to);
			case MARK_ROLLED_BACK -> this.migrator.markRolledBack(to);
			case ACCEPT_CHECKSUMS -> this.migrator.acceptChecksums();
			case IMPORT_FLYWAY -> this.migrator.importFlyway();
			case SEED -> seedRunner().seed(seeder);
			case SEED_UNDO -> (seeder != null) ? seedRunner().undo(seeder) : seedRunner().undo();
			case SEED_UNDO_ALL -> seedRunner().undoAll();
			case STATUS, VALIDATE, PLAN, DIFF -> throw new InvalidCommandException(
					"'" + request.command().cliName() + "' changes nothing and returns a report, not a result");
		};
	}

}
