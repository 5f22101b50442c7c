package dev.migrations.actuate;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.migrations.autoconfigure.CommandRequest;
import dev.migrations.autoconfigure.InvalidCommandException;
import dev.migrations.autoconfigure.MigrationsCommands;
import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.DriftReport;
import dev.migrations.core.MigrationException;
import dev.migrations.core.MigrationFailedException;
import dev.migrations.core.MigrationState;
import dev.migrations.core.MigrationStatus;
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
 * nothing. The arguments follow the same {@link CommandRequest rules} as the command line, and the commands run
 * through the same {@link MigrationsCommands dispatcher}. Over HTTP, in addition, {@code undo-all} and
 * {@code seed-undo-all} are not offered, and no POST undoes more than {@code migrations.endpoint.max-steps}
 * migrations or takes a larger {@code step} ({@code migrate} without a step applies every pending one, as startup
 * does). {@code diff} runs only with {@code migrations.endpoint.diff-enabled=true} as well (it replays every applied
 * migration into a scratch database); it answers {@code 200} with the differences, empty when there are none.
 *
 * <p>Responds {@code 200} with what the command did, {@code 400} for an unknown command or an argument the rules
 * refuse, {@code 409} when the command refused to run (validation, an irreversible migration, the lock held too long,
 * a safety finding) and {@code 500} when a migration failed; the body always says why.
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsEndpointWebExtension {

	/** The commands offered over HTTP; {@code undo-all} and {@code seed-undo-all} are left to the command line. */
	static final Set<Command> COMMANDS = EnumSet.of(Command.MIGRATE, Command.UNDO, Command.UNDO_BATCH, Command.REDO,
			Command.RETRY, Command.MARK_APPLIED, Command.MARK_ROLLED_BACK, Command.ACCEPT_CHECKSUMS,
			Command.IMPORT_FLYWAY, Command.SEED, Command.SEED_UNDO);

	private final Map<String, Migrator> migrators;

	private final @Nullable String primary;

	private final @Nullable SeedRunner seedRunner;

	private final int maxSteps;

	private final boolean diffEnabled;

	/**
	 * A web extension over several migrators.
	 * @param migrators the migrators by bean name
	 * @param primary the bean name of the migrator a request without {@code migrator} runs on, {@code null} when
	 * there are several and none is primary
	 * @param seedRunner the seed runner, {@code null} for none
	 * @param maxSteps the most migrations one request may apply or undo
	 */
	public MigrationsEndpointWebExtension(Map<String, Migrator> migrators, @Nullable String primary,
			@Nullable SeedRunner seedRunner, int maxSteps) {
		this(migrators, primary, seedRunner, maxSteps, false);
	}

	/**
	 * A web extension over several migrators that may also run {@code diff}.
	 * @param migrators the migrators by bean name
	 * @param primary the bean name of the migrator a request without {@code migrator} runs on, {@code null} when
	 * there are several and none is primary
	 * @param seedRunner the seed runner, {@code null} for none
	 * @param maxSteps the most migrations one request may apply or undo
	 * @param diffEnabled whether {@code diff} is offered ({@code migrations.endpoint.diff-enabled})
	 */
	public MigrationsEndpointWebExtension(Map<String, Migrator> migrators, @Nullable String primary,
			@Nullable SeedRunner seedRunner, int maxSteps, boolean diffEnabled) {
		this.diffEnabled = diffEnabled;
		this.migrators = new LinkedHashMap<>(migrators);
		this.primary = (primary == null && migrators.size() == 1) ? migrators.keySet().iterator().next() : primary;
		this.seedRunner = seedRunner;
		this.maxSteps = maxSteps;
	}

	/**
	 * Runs one command.
	 * @param command {@code migrate}, {@code undo}, {@code undo-batch}, {@code redo}, {@code retry},
	 * {@code mark-applied}, {@code mark-rolled-back}, {@code accept-checksums}, {@code import-flyway}, {@code seed}
	 * {@code seed-undo} or, with {@code migrations.endpoint.diff-enabled}, {@code diff}
	 * @param to the target id (inclusive) of {@code migrate}, {@code undo}, {@code mark-applied} or
	 * {@code mark-rolled-back}; for {@code seed} and {@code seed-undo}, the seeder when {@code id} is not given
	 * @param step how many migrations {@code migrate} applies or {@code undo} undoes
	 * @param id the one seeder {@code seed} or {@code seed-undo} runs or undoes
	 * @param migrator the bean name of the migrator to run on; the primary one when not given
	 * @return what the command did, or why it did not
	 */
	@WriteOperation
	public WebEndpointResponse<CommandDescriptor> run(String command, @Nullable String to, @Nullable Integer step,
			@Nullable String id, @Nullable String migrator) {
		try {
			if (CommandRequest.command(command) == Command.DIFF) {
				return diff(command, new CommandRequest(Command.DIFF, to, step, id), migrator);
			}
			CommandRequest request = request(command, to, step, id);
			MigrationsCommands commands = new MigrationsCommands(migrator(migrator), this.seedRunner);
			checkBounds(request, commands.migrator());
			return response(WebEndpointResponse.STATUS_OK, CommandDescriptor.success(commands.run(request)));
		}
		catch (IllegalArgumentException ex) {
			// A request the argument rules or the HTTP bounds refuse (InvalidCommandException), or a bad argument.
			return response(WebEndpointResponse.STATUS_BAD_REQUEST, CommandDescriptor.failure(command, ex));
		}
		catch (MigrationFailedException ex) {
			return response(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, CommandDescriptor.failure(command, ex));
		}
		catch (MigrationException | UnsafeMigrationException ex) {
			// Refused before anything ran: a validation policy, the lock, the safety checks.
			return response(409, CommandDescriptor.failure(command, ex));
		}
	}

	/** {@code diff}, when enabled: the arguments are checked by the same rules (it takes none). */
	private WebEndpointResponse<CommandDescriptor> diff(String command, CommandRequest request,
			@Nullable String migrator) {
		if (!this.diffEnabled) {
			throw new InvalidCommandException("The migrations endpoint runs 'diff' only with "
					+ "migrations.endpoint.diff-enabled=true (it replays every applied migration into a scratch "
					+ "database); use the command line, or enable it");
		}
		DriftReport report = migrator(migrator).diff();
		return response(WebEndpointResponse.STATUS_OK, CommandDescriptor.drift(request.command().cliName(), report));
	}

	private static CommandRequest request(String name, @Nullable String to, @Nullable Integer step,
			@Nullable String id) {
		Command command = CommandRequest.command(name);
		if (!COMMANDS.contains(command)) {
			throw new InvalidCommandException("The migrations endpoint does not run '" + command.cliName() + "'; use "
					+ COMMANDS.stream().map(Command::cliName).collect(Collectors.joining(", ")));
		}
		boolean seedCommand = CommandRequest.takesSeeder(command);
		if (seedCommand && (id == null || id.isBlank())) {
			// The seeder's older spelling over HTTP.
			return new CommandRequest(command, null, step, to);
		}
		if (seedCommand && to != null && !to.isBlank()) {
			throw new InvalidCommandException("'" + command.cliName() + "' takes the seeder as 'id' or 'to', not both");
		}
		return new CommandRequest(command, to, step, id);
	}

	private Migrator migrator(@Nullable String name) {
		if (name == null || name.isBlank()) {
			if (this.primary == null) {
				throw new InvalidCommandException("There are several migrators and none is primary; name one with "
						+ "'migrator': " + String.join(", ", this.migrators.keySet()));
			}
			return this.migrators.get(this.primary);
		}
		Migrator migrator = this.migrators.get(name);
		if (migrator == null) {
			throw new InvalidCommandException("No migrator is named '" + CommandRequest.echo(name) + "'; use one of "
					+ String.join(", ", this.migrators.keySet()));
		}
		return migrator;
	}

	/** Over HTTP no request applies or undoes more than {@code migrations.endpoint.max-steps} migrations. */
	private void checkBounds(CommandRequest request, Migrator migrator) {
		Integer step = request.step();
		if (step != null && step > this.maxSteps) {
			throw new InvalidCommandException("'step' is " + step + ", more than the " + this.maxSteps
					+ " migrations one request may apply or undo over HTTP (migrations.endpoint.max-steps); "
					+ "use smaller steps or the command line");
		}
		String to = request.to();
		if (request.command() == Command.UNDO && to != null) {
			long undone = migrator.status()
				.migrations()
				.stream()
				.filter((migration) -> migration.id().compareTo(to) >= 0 && undoable(migration))
				.count();
			if (undone > this.maxSteps) {
				throw new InvalidCommandException("'undo' to '" + CommandRequest.echo(to) + "' would undo " + undone
						+ " migrations, more than the " + this.maxSteps + " one request may undo over HTTP "
						+ "(migrations.endpoint.max-steps); use a later 'to' or the command line");
			}
		}
		if (request.command() == Command.UNDO_BATCH) {
			long undone = newestBatchSize(migrator);
			if (undone > this.maxSteps) {
				throw new InvalidCommandException("'undo-batch' would undo " + undone + " migrations (the newest batch), "
						+ "more than the " + this.maxSteps + " one request may undo over HTTP "
						+ "(migrations.endpoint.max-steps); use 'undo' with a 'step' or the command line");
			}
		}
	}

	/** How many migrations {@code undo-batch} would undo: the applied ones of the newest batch. */
	private static long newestBatchSize(Migrator migrator) {
		List<MigrationStatus> applied = migrator.status().migrations().stream()
			.filter((migration) -> (migration.state() == MigrationState.APPLIED
					|| migration.state() == MigrationState.MODIFIED) && migration.batch() != null)
			.toList();
		int newest = applied.stream().mapToInt(MigrationStatus::batch).max().orElse(0);
		return applied.stream().filter((migration) -> migration.batch() == newest).count();
	}

	private static boolean undoable(MigrationStatus migration) {
		return migration.state() == MigrationState.APPLIED || migration.state() == MigrationState.MODIFIED
				|| migration.state() == MigrationState.MISSING;
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
	 * @param differences for {@code diff}, how the live schema differs from the replayed one, one line per object
	 * ({@code migrations} then lists the replayed migrations); {@code null} for the other commands
	 */
	public record CommandDescriptor(String command, boolean success, List<String> migrations, @Nullable Integer batch,
			@Nullable Long durationMs, @Nullable String error,
			@Nullable List<String> differences) implements OperationResponseBody {

		static CommandDescriptor success(CommandResult result) {
			return new CommandDescriptor(result.command().cliName(), true, result.migrations(), result.batch(),
					result.duration().toMillis(), null, null);
		}

		static CommandDescriptor failure(String command, Exception ex) {
			return new CommandDescriptor(CommandRequest.echo(command), false, List.of(), null, null, ex.getMessage(),
					null);
		}

		static CommandDescriptor drift(String command, DriftReport report) {
			return new CommandDescriptor(command, true, report.replayed(), null, null, null,
					report.differences().stream().map(Object::toString).toList());
		}

	}

}
