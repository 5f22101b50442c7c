package dev.migrations.autoconfigure;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import org.jspecify.annotations.Nullable;

/**
 * Published when a migrations command ended, successfully or not.
 */
public class MigrationsCommandFinishedEvent extends MigrationsEvent {

	private final CommandResult result;

	private final @Nullable Throwable failure;

	public MigrationsCommandFinishedEvent(Command command, CommandResult result, @Nullable Throwable failure) {
		super(command);
		this.result = result;
		this.failure = failure;
	}

	/** The command. */
	public Command getCommand() {
		return (Command) getSource();
	}

	/** What the command did; on failure, the migrations it handled before failing are not listed. */
	public CommandResult getResult() {
		return this.result;
	}

	/** Why the command failed, {@code null} when it succeeded. */
	public @Nullable Throwable getFailure() {
		return this.failure;
	}

	/** Whether the command succeeded. */
	public boolean isSuccess() {
		return this.failure == null;
	}

}
