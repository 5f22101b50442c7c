package dev.migrations.autoconfigure;

import dev.migrations.core.SeedRunner;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs pending seeders at startup when {@code migrations.seeders.enabled=true}, right after the
 * {@link MigrationsInitializer} (it depends on it) and, like it, before the beans that use the database. Does nothing
 * when {@code migrations.command} is set: the command decides.
 */
public class SeedersInitializer implements InitializingBean {

	private final MigrationsInitializer migrationsInitializer;

	private final SeedRunner seedRunner;

	private final MigrationsProperties properties;

	/**
	 * Creates an initializer that runs after the migrations.
	 * @param migrationsInitializer the migrations' initializer, which must have run first
	 * @param seedRunner the seed runner
	 * @param properties the properties
	 */
	public SeedersInitializer(MigrationsInitializer migrationsInitializer, SeedRunner seedRunner,
			MigrationsProperties properties) {
		this.migrationsInitializer = migrationsInitializer;
		this.seedRunner = seedRunner;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.getCommand() == null && !this.migrationsInitializer.hasSeeded()) {
			this.seedRunner.seed();
		}
	}

	/** The seed runner this initializer runs. */
	public SeedRunner getSeedRunner() {
		return this.seedRunner;
	}

}
