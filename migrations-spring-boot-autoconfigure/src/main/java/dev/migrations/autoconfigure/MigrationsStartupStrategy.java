package dev.migrations.autoconfigure;

import dev.migrations.core.Migrator;

/**
 * What the application does with its migrations at startup, while the context refreshes and before anything that
 * uses the database is created: the role Spring Boot's {@code FlywayMigrationStrategy} plays for Flyway. Declare a
 * bean of this type to replace the default, which does what {@code migrations.on-startup} says ({@code migrate},
 * {@code validate} or {@code none}). It runs once per {@link Migrator} bean, the primary one first; it does not run
 * when {@code migrations.command} is set, since the command then decides.
 */
@FunctionalInterface
public interface MigrationsStartupStrategy {

	/**
	 * Runs the startup action.
	 * @param migrator the migrator
	 */
	void run(Migrator migrator);

	/**
	 * The default strategy: what {@code migrations.on-startup} says.
	 * @param onStartup the startup action
	 * @return the strategy
	 */
	static MigrationsStartupStrategy of(MigrationsProperties.OnStartup onStartup) {
		return new OnStartup(onStartup);
	}

	/**
	 * What {@code migrations.on-startup} says. With seeders enabled at startup, {@code migrate} applies the
	 * migrations and runs the seeders under one schema lock ({@link Migrator#migrateAndSeed}), so that no other
	 * process can undo a migration between them. {@code validate} reads the history's one-row summary first
	 * ({@link Migrator#statusSummary()}) and every row only when it is not up to date.
	 */
	record OnStartup(MigrationsProperties.OnStartup action) implements MigrationsStartupStrategy {

		@Override
		public void run(Migrator migrator) {
			switch (this.action) {
				case MIGRATE -> migrator.migrate();
				case VALIDATE -> {
					// Up to date, as one row of the history says: there is nothing to validate, and a restart reads
					// no more. Otherwise every row, to say what is pending, failed or modified, and why.
					if (!migrator.statusSummary().upToDate()) {
						migrator.validate();
					}
				}
				case NONE -> {
				}
			}
		}

	}

}
