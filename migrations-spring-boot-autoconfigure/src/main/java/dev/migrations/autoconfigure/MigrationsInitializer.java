package dev.migrations.autoconfigure;

import java.util.List;

import dev.migrations.core.Fleet;
import dev.migrations.core.FleetReport;
import dev.migrations.core.MigrationException;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the {@link MigrationsStartupStrategy startup strategy} (by default what {@code migrations.on-startup} says) on
 * every migrator while the context refreshes, before the beans that use the database are created (see
 * {@link MigrationsInitializerDatabaseInitializerDetector}). When {@code migrations.command} is set it runs that
 * command on the primary migrator at the same point instead, then ends the process with the command's exit code
 * through the {@link MigrationsCommandExit}, so that nothing else initializes against a schema the command is
 * changing and no web server starts.
 */
public class MigrationsInitializer implements InitializingBean {

	private final Migrator migrator;

	private final List<Migrator> migrators;

	private final MigrationsProperties properties;

	private final MigrationsStartupStrategy strategy;

	private final MigrationsCommandRunner commandRunner;

	private final MigrationsCommandExit exit;

	private @Nullable SeedRunner startupSeeds;

	private boolean seeded;

	private @Nullable Fleet fleet;

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
		this(migrator, List.of(migrator), properties, seedRunner, MigrationsStartupStrategy.of(properties.getOnStartup()),
				System::exit);
	}

	/**
	 * Creates an initializer for one or several migrators.
	 * @param primary the migrator the commands run on
	 * @param migrators every migrator the startup strategy runs on, in order (the primary one included)
	 * @param properties the properties
	 * @param seedRunner the seed runner for the seed commands, {@code null} when there is none
	 * @param strategy what to do at startup
	 * @param exit how to end the process after a command
	 */
	public MigrationsInitializer(Migrator primary, List<Migrator> migrators, MigrationsProperties properties,
			@Nullable SeedRunner seedRunner, MigrationsStartupStrategy strategy, MigrationsCommandExit exit) {
		this(primary, migrators, properties, strategy, new MigrationsCommandRunner(primary, seedRunner,
				properties.getSeeders().getId(), System.out, System.err).output(properties.getOutput()), exit);
	}

	MigrationsInitializer(Migrator migrator, List<Migrator> migrators, MigrationsProperties properties,
			MigrationsStartupStrategy strategy, MigrationsCommandRunner commandRunner, MigrationsCommandExit exit) {
		this.migrator = migrator;
		this.migrators = List.copyOf(migrators);
		this.properties = properties;
		this.strategy = strategy;
		this.commandRunner = commandRunner;
		this.exit = exit;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.getCommand() != null) {
			int code = this.commandRunner.run(this.properties.getCommand(), this.properties.getTo(),
					this.properties.getStep());
			this.exit.exit(code);
			return;
		}
		for (Migrator migrator : this.migrators) {
			if (migrator == this.migrator && this.startupSeeds != null
					&& this.strategy instanceof MigrationsStartupStrategy.OnStartup onStartup
					&& onStartup.action() == MigrationsProperties.OnStartup.MIGRATE) {
				migrator.migrateAndSeed(this.startupSeeds);
				this.seeded = true;
			}
			else {
				this.strategy.run(migrator);
			}
		}
		if (this.fleet != null && this.properties.getTenants().getOnStartup() == TenantsProperties.OnStartup.ALL) {
			startFleet(this.fleet);
		}
	}

	/**
	 * Runs the startup action on every tenant; fails startup, naming them, when any tenant failed (after the others
	 * ran).
	 */
	private void startFleet(Fleet fleet) {
		MigrationsProperties.OnStartup action = (this.strategy instanceof MigrationsStartupStrategy.OnStartup onStartup)
				? onStartup.action() : null;
		if (action == MigrationsProperties.OnStartup.NONE) {
			return;
		}
		boolean migrate = action == MigrationsProperties.OnStartup.MIGRATE;
		FleetReport report = fleet.run(migrate ? dev.migrations.core.Command.MIGRATE : dev.migrations.core.Command.VALIDATE,
				List.of(), (migrator, seeds) -> {
					if (migrate) {
						return (this.startupSeeds != null && seeds != null) ? migrator.migrateAndSeed(seeds)
								: migrator.migrate();
					}
					this.strategy.run(migrator);
					return null;
				});
		if (!report.isSuccessful()) {
			throw new MigrationException("Migrations failed at startup on " + report.failed().size() + " tenant(s) of "
					+ report.tenants().size() + "; the others ran. " + report.describe());
		}
	}

	/**
	 * Runs the commands over the fleet as well and, unless {@code migrations.tenants.on-startup=default}, the startup
	 * action on every tenant after the default schema.
	 */
	void fleet(Fleet fleet) {
		this.fleet = fleet;
		this.commandRunner.fleet(fleet, this.properties.getTenants().getSelect());
	}

	/**
	 * Seeds at startup together with the migrations of the primary migrator, under one schema lock, when the default
	 * strategy migrates; {@link SeedersInitializer} seeds on its own otherwise.
	 */
	void seedAtStartup(SeedRunner seeds) {
		this.startupSeeds = seeds;
	}

	/** Whether the startup run seeded already. */
	boolean hasSeeded() {
		return this.seeded;
	}

	/** The migrator the commands run on (the primary one). */
	public Migrator getMigrator() {
		return this.migrator;
	}

	static @Nullable String nullIfBlank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
