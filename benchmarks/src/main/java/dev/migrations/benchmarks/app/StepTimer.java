package dev.migrations.benchmarks.app;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Set;

import com.sun.management.ThreadMXBean;

import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;

/**
 * Times each tool's migration step the same way: from the moment the container starts creating the tool's first bean
 * ({@code migrator}, {@code flyway}, {@code liquibase}, {@code springFloor}) to the end of the initialization of the
 * bean that migrates ({@code migrationsInitializer}, {@code flywayInitializer}, {@code liquibase}, {@code springFloor}).
 * This includes finding and instantiating the migrations (the starter's migration beans are created while
 * {@code migrator} is), reading the history, the lock and applying; it excludes the context's other work, which the
 * startup time covers.
 *
 * <p>It also counts the bytes the step allocates on its thread (the context's, which creates the beans): unlike a
 * duration, the same build allocates the same on any machine, and what a run allocates is what grows its heap.
 */
public class StepTimer implements InstantiationAwareBeanPostProcessor {

	private static final Set<String> FIRST = Set.of("migrator", "flyway", "liquibase", "springFloor");

	private static final Set<String> LAST = Set.of("migrationsInitializer", "flywayInitializer", "liquibase",
			"springFloor");

	private long start = -1;

	private long firstReady = -1;

	private long end = -1;

	/** Looked up here, in every variant and with the tool on or off, so that no step pays for it. */
	private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private long startAllocated = -1;

	private long endAllocated = -1;

	private String tool = "none";

	@Override
	public Object postProcessBeforeInstantiation(Class<?> beanClass, String beanName) {
		if (FIRST.contains(beanName) && this.start < 0) {
			this.start = System.nanoTime();
			this.tool = beanName;
			this.startAllocated = this.threads.getCurrentThreadAllocatedBytes();
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
			this.endAllocated = this.threads.getCurrentThreadAllocatedBytes();
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

	/**
	 * The KiB the context's thread allocated from the JVM's start to now: the whole startup's, including what the step
	 * does not see (a tool's bean definitions, registered before its first bean is created).
	 */
	String allocatedKib() {
		return Long.toString(this.threads.getCurrentThreadAllocatedBytes() / 1024);
	}

	/** The KiB the step allocated on the context's thread, or -1 when no tool ran. */
	String stepAllocatedKib() {
		if (this.startAllocated < 0 || this.endAllocated < 0) {
			return "-1";
		}
		return Long.toString((this.endAllocated - this.startAllocated) / 1024);
	}

	String tool() {
		return this.tool;
	}

}
