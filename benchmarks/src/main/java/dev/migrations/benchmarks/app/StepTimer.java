package dev.migrations.benchmarks.app;

import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;

/**
 * Times each tool's migration step the same way: from the moment the container starts creating the tool's first bean
 * ({@code migrator}, {@code flyway}, {@code liquibase}, {@code springFloor}) to the end of the initialization of the
 * bean that migrates ({@code migrationsInitializer}, {@code flywayInitializer}, {@code liquibase}, {@code springFloor}).
 * This includes finding and instantiating the migrations (the starter's migration beans are created while
 * {@code migrator} is), reading the history, the lock and applying; it excludes the context's other work, which the
 * startup time covers.
 */
public class StepTimer implements InstantiationAwareBeanPostProcessor {

	private static final Set<String> FIRST = Set.of("migrator", "flyway", "liquibase", "springFloor");

	private static final Set<String> LAST = Set.of("migrationsInitializer", "flywayInitializer", "liquibase",
			"springFloor");

	private long start = -1;

	private long firstReady = -1;

	private long end = -1;

	private String tool = "none";

	@Override
	public Object postProcessBeforeInstantiation(Class<?> beanClass, String beanName) {
		if (FIRST.contains(beanName) && this.start < 0) {
			this.start = System.nanoTime();
			this.tool = beanName;
		}
		return null;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (beanName.equals(this.tool) && this.firstReady < 0) {
			this.firstReady = System.nanoTime();
		}
		if (LAST.contains(beanName)) {
			this.end = System.nanoTime();
		}
		return bean;
	}

	/** The step in milliseconds, or -1 when no tool ran. */
	String stepMillis() {
		if (this.start < 0 || this.end < 0) {
			return "-1";
		}
		return String.format(Locale.ROOT, "%.1f", (this.end - this.start) / 1e6);
	}

	/** How long the tool's first bean took to create (for the starter: finding and creating the migration beans). */
	String firstBeanMillis() {
		if (this.start < 0 || this.firstReady < 0) {
			return "-1";
		}
		return String.format(Locale.ROOT, "%.1f", (this.firstReady - this.start) / 1e6);
	}

	String tool() {
		return this.tool;
	}

}
