package dev.migrations.safety;

import java.time.Duration;

/**
 * The lock-retry schedule of migration statements: ask for a lock with a short {@code lock_timeout} first, and
 * lengthen it step by step over a bounded number of attempts and a total time budget, so that the queue of reads
 * and writes behind a DDL statement waiting for its lock never builds up for longer than the current timeout.
 *
 * <p>Attempt {@code k} (1 for the first) uses a timeout growing geometrically from {@code firstTimeout} to
 * {@code lastTimeout}; the waits between attempts are jittered (see {@link RetryPolicy#backoffAfter(int)}). The step
 * fails once {@code attempts} attempts timed out or the next one would start after {@code budget}.
 *
 * @param attempts attempts in all, the first included
 * @param firstTimeout the {@code lock_timeout} of the first attempt
 * @param lastTimeout the {@code lock_timeout} of the last attempt, the longest any statement holds up the queue
 * @param budget how long a step may keep trying, from the start of its first attempt
 */
public record LockRetries(int attempts, Duration firstTimeout, Duration lastTimeout, Duration budget) {

	public LockRetries {
		if (attempts < 1) {
			throw new IllegalArgumentException("The number of lock attempts must be at least 1, was " + attempts);
		}
		if (firstTimeout == null || firstTimeout.isNegative() || firstTimeout.isZero()) {
			throw new IllegalArgumentException("The first lock timeout must be positive, was " + firstTimeout);
		}
		if (lastTimeout == null || lastTimeout.compareTo(firstTimeout) < 0) {
			throw new IllegalArgumentException("The last lock timeout (" + lastTimeout
					+ ") must not be shorter than the first (" + firstTimeout + ")");
		}
		if (budget == null || budget.isNegative() || budget.isZero()) {
			throw new IllegalArgumentException("The lock retry budget must be positive, was " + budget);
		}
	}

	/** 50 attempts, lock timeouts from 100 ms to 400 ms, within 10 minutes. */
	public static LockRetries defaults() {
		return new LockRetries(50, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(10));
	}

	/** The {@code lock_timeout} of attempt number {@code attempt} (1 for the first). */
	public Duration timeoutFor(int attempt) {
		if (this.attempts == 1 || attempt <= 1) {
			return this.firstTimeout;
		}
		if (attempt >= this.attempts) {
			return this.lastTimeout;
		}
		double first = this.firstTimeout.toMillis();
		double ratio = this.lastTimeout.toMillis() / first;
		double exponent = (attempt - 1) / (double) (this.attempts - 1);
		return Duration.ofMillis(Math.round(first * Math.pow(ratio, exponent)));
	}

}
