package dev.migrations.autoconfigure;

import dev.migrations.core.Command;

/**
 * Published when a migrations command (migrate, undo, ...) starts, before it takes the schema lock.
 */
public class MigrationsCommandStartingEvent extends MigrationsEvent {

	public MigrationsCommandStartingEvent(Command command) {
		super(command);
	}

	/** The command. */
	public Command getCommand() {
		return (Command) getSource();
	}

}
