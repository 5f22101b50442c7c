package dev.migrations.autoconfigure;

import java.util.function.IntConsumer;

import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the startup action (migrate or validate) while the context refreshes, before the beans that use the database
 * are created (see {@link MigrationsInitializerDatabaseInitializerDetector}). When {@code migrations.command} is set it
 * runs that command at the same point instead, then ends the process with the command's exit code, so that nothing
 * else initializes against a schema the command is changing and no web server starts.
 */
public class MigrationsInitializer implements InitializingBean {

	private final Migrator migrator;

	private final MigrationsProperties properties;

	private final MigrationsCommandRunner commandRunner;

	private final IntConsumer exit;

	/**
	 * Creates an initializer that exits the JVM after a command.
	 * @param migrator the migrator
	 * @param properties the properties
	 */
	public MigrationsInitializer(Migrator migrator, MigrationsProperties properties) {
		this(migrator, properties, null);
	}

	/**
	 * Creates an initializer that exits the JVM after a command and runs the seed commands with the seed runner.
	 * @param migrator the migrator
	 * @param properties the properties
	 * @param seedRunner the seed runner for the seed commands, {@code null} when there is none
	 */
	public MigrationsInitializer(Migrator migrator, MigrationsProperties properties, @Nullable SeedRunner seedRunner) {
		this(migrator, properties, new MigrationsCommandRunner(migrator, seedRunner,
				properties.getSeeders().getId(), System.out, System.err), System::exit);
	}

	MigrationsInitializer(Migrator migrator, MigrationsProperties properties, MigrationsCommandRunner commandRunner,
			IntConsumer exit) {
		this.migrator = migrator;
		this.properties = properties;
		this.commandRunner = commandRunner;
		this.exit = exit;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.getCommand() != null) {
			int code = this.commandRunner.run(this.properties.getCommand(), this.properties.getTo(),
					this.properties.getStep());
			this.exit.accept(code);
			return;
		}
		switch (this.properties.getOnStartup()) {
			case MIGRATE -> this.migrator.migrate();
			case VALIDATE -> this.migrator.validate();
			case NONE -> {
			}
		}
	}

	/** The migrator this initializer runs. */
	public Migrator getMigrator() {
		return this.migrator;
	}

	static @Nullable String nullIfBlank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
