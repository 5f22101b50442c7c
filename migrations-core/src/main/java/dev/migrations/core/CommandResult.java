package dev.migrations.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a command did.
 *
 * @param command the command
 * @param migrations the ids it applied, undid or marked, in the order it handled them
 * @param batch the batch number of what it applied or marked, {@code null} when it applied nothing
 * @param duration how long it took, lock wait included
 */
public record CommandResult(Command command, List<String> migrations, @Nullable Integer batch, Duration duration) {

	public CommandResult {
		migrations = List.copyOf(migrations);
	}

}
