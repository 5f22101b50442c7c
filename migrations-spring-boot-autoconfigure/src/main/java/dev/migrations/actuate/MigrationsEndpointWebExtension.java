package dev.migrations.actuate;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.MigrationException;
import dev.migrations.core.MigrationFailedException;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import dev.migrations.safety.UnsafeMigrationException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The write operation of the {@code migrations} endpoint over HTTP: {@code POST /actuator/migrations} with a JSON
 * body such as {@code {"command": "undo", "step": 2}}. Registered only when
 * {@code migrations.endpoint.write-operations-enabled=true}; otherwise a POST is answered {@code 405} and changes
 * nothing. Secure it before enabling it.
 *
 * <p>Responds {@code 200} with what the command did, {@code 400} for an unknown command or an argument it does not
 * take, {@code 409} when the command refused to run (validation, an irreversible migration, the lock held too long)
 * and {@code 500} when a migration failed; the body always says why.
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsEndpointWebExtension {

	/** The commands offered over HTTP; {@code undo-all} and {@code seed-undo-all} are left to the command line. */
	static final Set<Command> COMMANDS = EnumSet.of(Command.MIGRATE, Command.UNDO, Command.UNDO_BATCH, Command.REDO,
			Command.RETRY, Command.MARK_APPLIED, Command.MARK_ROLLED_BACK, Command.SEED, Command.SEED_UNDO);

	private final Migrator migrator;

	private final @Nullable SeedRunner seedRunner;

	public MigrationsEndpointWebExtension(Migrator migrator) {
		this(migrator, null);
	}

	/**
	 * A web extension that also runs the seed commands.
	 * @param migrator the migrator
	 * @param seedRunner the seed runner, {@code null} for none
	 */
	public MigrationsEndpointWebExtension(Migrator migrator, @Nullable SeedRunner seedRunner) {
		this.migrator = migrator;
		this.seedRunner = seedRunner;
	}

	/**
	 * Runs one command.
	 * @param command {@code migrate}, {@code undo}, {@code undo-batch}, {@code redo}, {@code retry},
	 * {@code mark-applied}, {@code mark-rolled-back}, {@code seed} or {@code seed-undo}
	 * @param to the target id (inclusive) of {@code migrate}, {@code undo}, {@code mark-applied} or
	 * {@code mark-rolled-back}; for {@code seed} and {@code seed-undo}, the one seeder to run or undo
	 * @param step how many migrations {@code migrate} applies or {@code undo} undoes
	 * @return what the command did, or why it did not
	 */
	@WriteOperation
	public WebEndpointResponse<CommandDescriptor> run(String command, @Nullable String to, @Nullable Integer step) {
		Command parsed;
		try {
			parsed = parse(command, to, step);
		}
		catch (IllegalArgumentException ex) {
			return response(WebEndpointResponse.STATUS_BAD_REQUEST, CommandDescriptor.failure(command, ex));
		}
		String target = (to == null || to.isBlank()) ? null : to;
		try {
			CommandResult result = execute(parsed, target, step);
			return response(WebEndpointResponse.STATUS_OK, CommandDescriptor.success(result));
		}
		catch (MigrationFailedException ex) {
			return response(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, CommandDescriptor.failure(command, ex));
		}
		catch (MigrationException ex) {
			return response(409, CommandDescriptor.failure(command, ex));
		}
		catch (IllegalArgumentException ex) {
			return response(WebEndpointResponse.STATUS_BAD_REQUEST, CommandDescriptor.failure(command, ex));
		}
		catch (UnsafeMigrationException ex) {
			// The safety checks refused a pending migration before anything ran.
			return response(409, CommandDescriptor.failure(command, ex));
		}
	}

	private static Command parse(String name, @Nullable String to, @Nullable Integer step) {
		Command command = Command.fromCliName(name);
		if (!COMMANDS.contains(command)) {
			throw new IllegalArgumentException("The migrations endpoint does not run '" + command.cliName() + "'; use "
					+ COMMANDS.stream().map(Command::cliName).collect(Collectors.joining(", ")));
		}
		boolean takesTo = command == Command.MIGRATE || command == Command.UNDO || command == Command.MARK_APPLIED
				|| command == Command.MARK_ROLLED_BACK || command == Command.SEED || command == Command.SEED_UNDO;
		boolean takesStep = command == Command.MIGRATE || command == Command.UNDO;
		if (to != null && !to.isBlank() && !takesTo) {
			throw new IllegalArgumentException("'" + command.cliName() + "' takes no 'to'");
		}
		if (step != null && !takesStep) {
			throw new IllegalArgumentException("'" + command.cliName() + "' takes no 'step'");
		}
		if (step != null && to != null && !to.isBlank()) {
			throw new IllegalArgumentException("Give 'to' or 'step', not both");
		}
		if (step != null && step <= 0) {
			throw new IllegalArgumentException("'step' must be positive, was " + step);
		}
		return command;
	}

	private SeedRunner seedRunner() {
		if (this.seedRunner == null) {
			throw new IllegalArgumentException("This application has no seed runner");
		}
		return this.seedRunner;
	}

	private CommandResult execute(Command command, @Nullable String to, @Nullable Integer step) {
		return switch (command) {
			case MIGRATE -> (to != null) ? this.migrator.migrateTo(to)
					: (step != null) ? this.migrator.migrateSteps(step) : this.migrator.migrate();
			case UNDO -> (to != null) ? this.migrator.undoTo(to) : this.migrator.undoSteps((step != null) ? step : 1);
			case UNDO_BATCH -> this.migrator.undoBatch();
			case REDO -> this.migrator.redo();
			case RETRY -> this.migrator.retry();
			case MARK_APPLIED -> this.migrator.markApplied(to);
			case MARK_ROLLED_BACK -> this.migrator.markRolledBack(to);
			case SEED -> seedRunner().seed(to);
			case SEED_UNDO -> (to != null) ? seedRunner().undo(to) : seedRunner().undo();
			default -> throw new IllegalArgumentException("Unsupported command " + command.cliName());
		};
	}

	private static WebEndpointResponse<CommandDescriptor> response(int status, CommandDescriptor body) {
		return new WebEndpointResponse<>(body, status);
	}

	/**
	 * What a command did.
	 *
	 * @param command the command, as named on the command line
	 * @param success whether it succeeded
	 * @param migrations the ids it applied, undid or marked, in the order it handled them
	 * @param batch the batch of what it applied or marked
	 * @param durationMs how long it took, lock wait included
	 * @param error why it failed or was refused
	 */
	public record CommandDescriptor(String command, boolean success, List<String> migrations, @Nullable Integer batch,
			@Nullable Long durationMs, @Nullable String error) implements OperationResponseBody {

		static CommandDescriptor success(CommandResult result) {
			return new CommandDescriptor(result.command().cliName(), true, result.migrations(), result.batch(),
					result.duration().toMillis(), null);
		}

		static CommandDescriptor failure(String command, Exception ex) {
			return new CommandDescriptor(command, false, List.of(), null, null, ex.getMessage());
		}

	}

}
