package dev.migrations.autoconfigure;

/**
 * A migrations command asked for in a way the rules refuse: an unknown command, an argument it does not take, {@code to}
 * together with {@code step}, a step that is not positive. Nothing ran. The command line exits with 1 and the endpoint
 * answers {@code 400}, both with this message.
 */
public class InvalidCommandException extends IllegalArgumentException {

	public InvalidCommandException(String message) {
		super(message);
	}

}
