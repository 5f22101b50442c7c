package dev.migrations.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The work queue of one {@link Fleet} run: at most {@code parallelism} workers take tenants from a queue, and a
 * tenant whose lock another instance holds goes back into it, to be tried again a little later each time, while the
 * workers go on with the others.
 */
final class TenantQueue {

	private static final long FIRST_RETRY_MILLIS = 100;

	private static final long MAX_RETRY_MILLIS = 2000;

	private TenantQueue() {
	}

	/** One try of a tenant. */
	@FunctionalInterface
	interface Try {

		/**
		 * Tries the tenant.
		 * @param tenant the tenant
		 * @param firstTry when it was first tried ({@link System#nanoTime()})
		 * @param locked how many times it was found locked before
		 * @return its outcome, or {@code null} when another instance holds its lock and it should be tried later
		 */
		@Nullable TenantOutcome attempt(Tenant tenant, long firstTry, int locked);

	}

	/**
	 * Tries every tenant until each has an outcome, at most {@code parallelism} at once, and waits for all of them.
	 * @param finished hears each outcome, from the worker's thread
	 * @throws MigrationException when interrupted or when a worker failed other than with an outcome
	 */
	static void run(List<Tenant> tenants, int parallelism, Try attempt, Consumer<TenantOutcome> finished) {
		LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
		tenants.forEach((tenant) -> queue.add(new Entry(tenant, System.nanoTime(), 0, 0)));
		AtomicInteger remaining = new AtomicInteger(tenants.size());
		int threads = Math.min(parallelism, tenants.size());
		AtomicInteger number = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(threads, (runnable) -> {
			Thread thread = new Thread(runnable, "migrations-fleet-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				workers.add(executor.submit(() -> {
					try {
						work(queue, remaining, attempt, finished);
					}
					catch (Throwable ex) {
						// A fatal error stops every worker, not only this one.
						remaining.set(0);
						throw ex;
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException("Interrupted while migrating the fleet; " + remaining.get() + " of "
					+ tenants.size() + " tenant(s) had not finished", ex);
		}
		catch (ExecutionException ex) {
			Runs.rethrowFatal(ex.getCause());
			throw new MigrationException("A fleet worker failed: " + Runs.rootMessage(ex.getCause()), ex.getCause());
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static void work(LinkedBlockingQueue<Entry> queue, AtomicInteger remaining, Try attempt,
			Consumer<TenantOutcome> finished) throws InterruptedException {
		while (remaining.get() > 0) {
			Entry entry = queue.poll(50, TimeUnit.MILLISECONDS);
			if (entry == null) {
				continue;
			}
			long wait = entry.notBefore - System.nanoTime();
			if (wait > 0) {
				// Locked by another instance a moment ago: back in the queue, and a short nap if that is all there is.
				queue.add(entry);
				Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1, 50));
				continue;
			}
			TenantOutcome outcome = attempt.attempt(entry.tenant, entry.firstTry, entry.locked);
			if (outcome == null) {
				queue.add(entry.later());
				continue;
			}
			finished.accept(outcome);
			remaining.decrementAndGet();
		}
	}

	/**
	 * A tenant in the queue.
	 *
	 * @param tenant the tenant
	 * @param firstTry when it was first tried
	 * @param locked how many times it was found locked
	 * @param notBefore when it may be tried again
	 */
	private record Entry(Tenant tenant, long firstTry, int locked, long notBefore) {

		/** The next try after the tenant was found locked, a little later each time. */
		Entry later() {
			long delay = Math.min(FIRST_RETRY_MILLIS << Math.min(this.locked, 5), MAX_RETRY_MILLIS);
			return new Entry(this.tenant, this.firstTry, this.locked + 1,
					System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay));
		}

	}

}
