package dev.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts several applications in one JVM as replicas of a deployment start: they meet at a barrier just before the
 * context refreshes (where they migrate), then each goes on after its own delay.
 */
final class ReplicaStarts {

	/** The contexts that started, and the failures of those that did not. */
	record Outcome(List<ConfigurableApplicationContext> contexts, List<Throwable> failures) implements AutoCloseable {

		@Override
		public void close() {
			this.contexts.forEach(ConfigurableApplicationContext::close);
		}

	}

	private ReplicaStarts() {
	}

	/**
	 * Starts the replicas and waits for all of them.
	 * @param replicas how many
	 * @param application the application of replica {@code i}
	 * @param staggerMillis how long replica {@code i} waits after the barrier: {@code i * staggerMillis}
	 */
	static Outcome start(int replicas, IntFunction<SpringApplicationBuilder> application, long staggerMillis)
			throws InterruptedException {
		CyclicBarrier barrier = new CyclicBarrier(replicas);
		// Spring Boot's logging initialization is not safe to run in parallel in one JVM: it is serialized here.
		ReentrantLock startupLock = new ReentrantLock();
		ExecutorService executor = Executors.newFixedThreadPool(replicas);
		try {
			List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
			for (int i = 0; i < replicas; i++) {
				int replica = i;
				starts.add(executor.submit(() -> {
					startupLock.lock();
					return application.apply(replica).initializers((context) -> {
						startupLock.unlock();
						await(barrier);
						sleep(staggerMillis * replica);
					}).run();
				}));
			}
			List<ConfigurableApplicationContext> contexts = new ArrayList<>();
			List<Throwable> failures = new ArrayList<>();
			for (Future<ConfigurableApplicationContext> start : starts) {
				try {
					contexts.add(start.get(2, TimeUnit.MINUTES));
				}
				catch (ExecutionException ex) {
					failures.add(ex.getCause());
				}
				catch (java.util.concurrent.TimeoutException ex) {
					failures.add(ex);
				}
			}
			return new Outcome(contexts, failures);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(1, TimeUnit.MINUTES);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
