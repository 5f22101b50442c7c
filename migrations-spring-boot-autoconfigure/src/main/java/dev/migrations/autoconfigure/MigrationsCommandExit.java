package dev.migrations.autoconfigure;

/**
 * Ends the process after {@code --migrations.command} ran, with the command's exit code (0 success, 1 failure, 2 not
 * up to date). The default calls {@link System#exit(int)}; declare a bean of this type to do something else (tests do,
 * to keep their JVM).
 */
@FunctionalInterface
public interface MigrationsCommandExit {

	/**
	 * Ends the process.
	 * @param code the command's exit code
	 */
	void exit(int code);

}
