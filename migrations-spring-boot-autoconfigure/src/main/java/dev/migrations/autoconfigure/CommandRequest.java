package dev.migrations.autoconfigure;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.migrations.core.Command;
import org.jspecify.annotations.Nullable;

/**
 * One migrations command with its arguments, checked against the rules that the command line
 * ({@code --migrations.command}), the endpoint ({@code POST /actuator/migrations}) and the seed commands share:
 * <ul>
 * <li>{@code to} is taken by {@code migrate}, {@code undo}, {@code plan}, {@code mark-applied} and
 * {@code mark-rolled-back};</li>
 * <li>{@code step} by {@code migrate}, {@code undo} and {@code plan}, and must be at least 1;</li>
 * <li>{@code to} and {@code step} together are refused;</li>
 * <li>{@code seeder} (the one seeder to run or undo) by {@code seed} and {@code seed-undo}.</li>
 * </ul>
 * A request that breaks a rule is never made: the constructor throws an {@link InvalidCommandException} naming the
 * rule, and any value it echoes is cut to {@value #ECHO_LIMIT} characters.
 *
 * @param command the command
 * @param to the target migration id (inclusive), {@code null} for none
 * @param step how many migrations to apply or undo, {@code null} for the command's default
 * @param seeder the one seeder {@code seed} or {@code seed-undo} runs or undoes, {@code null} for all or the newest
 */
public record CommandRequest(Command command, @Nullable String to, @Nullable Integer step, @Nullable String seeder) {

	/** The most characters of a given value that an error message repeats. */
	static final int ECHO_LIMIT = 100;

	/** The longest {@code to} or seeder id accepted; no migration id is longer. */
	static final int MAX_ID_LENGTH = 255;

	private static final Set<Command> TAKE_TO = EnumSet.of(Command.MIGRATE, Command.UNDO, Command.PLAN,
			Command.MARK_APPLIED, Command.MARK_ROLLED_BACK);

	private static final Set<Command> TAKE_STEP = EnumSet.of(Command.MIGRATE, Command.UNDO, Command.PLAN);

	private static final Set<Command> TAKE_SEEDER = EnumSet.of(Command.SEED, Command.SEED_UNDO);

	/** Whether the command takes the one seeder to run or undo. */
	public static boolean takesSeeder(Command command) {
		return TAKE_SEEDER.contains(command);
	}

	/**
	 * Checks the arguments; blank values count as absent.
	 * @throws InvalidCommandException when a rule is broken
	 */
	public CommandRequest {
		to = nullIfBlank(to);
		seeder = nullIfBlank(seeder);
		if (to != null) {
			requireId("to", to);
			if (!TAKE_TO.contains(command)) {
				throw new InvalidCommandException("'" + command.cliName() + "' takes no 'to'; the commands that do: "
						+ names(TAKE_TO));
			}
		}
		if (step != null) {
			if (!TAKE_STEP.contains(command)) {
				throw new InvalidCommandException("'" + command.cliName() + "' takes no 'step'; the commands that do: "
						+ names(TAKE_STEP));
			}
			if (to != null) {
				throw new InvalidCommandException("'" + command.cliName() + "' takes 'to' or 'step', not both");
			}
			if (step < 1) {
				throw new InvalidCommandException("'step' must be at least 1, was " + step);
			}
		}
		if (seeder != null) {
			requireId("seeder id", seeder);
			if (!TAKE_SEEDER.contains(command)) {
				throw new InvalidCommandException("'" + command.cliName()
						+ "' takes no seeder id; the commands that do: " + names(TAKE_SEEDER));
			}
		}
	}

	/**
	 * A request for the command named as on the command line ({@code undo-batch}; case and {@code _} for {@code -} do
	 * not matter).
	 * @param name the command's name
	 * @param to the target id
	 * @param step the number of steps
	 * @param seeder the seeder id
	 * @return the request
	 * @throws InvalidCommandException for an unknown command, listing the known ones, or a broken rule
	 */
	public static CommandRequest of(@Nullable String name, @Nullable String to, @Nullable Integer step,
			@Nullable String seeder) {
		return new CommandRequest(command(name), to, step, seeder);
	}

	/**
	 * The command named as on the command line.
	 * @param name the name
	 * @return the command
	 * @throws InvalidCommandException for a missing or unknown name, listing the known commands
	 */
	public static Command command(@Nullable String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidCommandException("No migrations command given; use one of " + names(EnumSet.allOf(Command.class)));
		}
		String normalized = name.trim().replace('_', '-');
		for (Command command : Command.values()) {
			if (command.cliName().equalsIgnoreCase(normalized)) {
				return command;
			}
		}
		throw new InvalidCommandException("Unknown migrations command '" + echo(name) + "'; use one of "
				+ names(EnumSet.allOf(Command.class)));
	}

	/**
	 * The value as an error message may repeat it: at most {@value #ECHO_LIMIT} characters, then how long it was.
	 * @param value the value given
	 * @return the value, cut
	 */
	public static String echo(String value) {
		return (value.length() <= ECHO_LIMIT) ? value
				: value.substring(0, ECHO_LIMIT) + "... (" + value.length() + " characters)";
	}

	static String names(Set<Command> commands) {
		return Arrays.stream(Command.values())
			.filter(commands::contains)
			.map(Command::cliName)
			.collect(Collectors.joining(", "));
	}

	private static void requireId(String what, String value) {
		if (value.length() > MAX_ID_LENGTH) {
			throw new InvalidCommandException("The " + what + " '" + echo(value) + "' is longer than any migration id ("
					+ MAX_ID_LENGTH + " characters)");
		}
	}

	private static @Nullable String nullIfBlank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
