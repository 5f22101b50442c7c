package dev.migrations.testing;

import dev.migrations.core.Migrator;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Creates the test context's database copy as soon as the context's {@link Migrator} exists: it knows the
 * migrations (the context's beans), and nothing has used the DataSource yet, since the application's startup
 * migrate and everything that waits for it (JPA, {@code JdbcTemplate} users) depend on it.
 */
final class MigratedDatabaseBeanPostProcessor implements BeanPostProcessor {

	private final MigratedDatabaseCopy copy;

	private final Environment environment;

	MigratedDatabaseBeanPostProcessor(MigratedDatabaseCopy copy, Environment environment) {
		this.copy = copy;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Migrator migrator) {
			this.copy.create(migrator, this.environment);
		}
		return bean;
	}

}
