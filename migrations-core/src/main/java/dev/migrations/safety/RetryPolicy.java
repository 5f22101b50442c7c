package dev.migrations.safety;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a migration that gave up waiting for a lock is tried again: exponential backoff with full jitter, so that
 * replicas and retries do not line up, up to a number of attempts.
 *
 * @param maxAttempts attempts in all, the first included; 1 disables retries
 * @param initialBackoff the longest wait before the second attempt
 * @param maxBackoff the longest wait before any attempt
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("The number of attempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
			throw new IllegalArgumentException("Backoff durations must not be negative");
		}
	}

	/** Five attempts, backing off from 1 s up to 30 s. */
	public static RetryPolicy defaults() {
		return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	/** No retries. */
	public static RetryPolicy none() {
		return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
	}

	/** Whether another attempt follows attempt number {@code attempt} (1 for the first). */
	public boolean allowsAnotherAfter(int attempt) {
		return attempt < this.maxAttempts;
	}

	/** How long to wait after attempt number {@code attempt} failed: random in [0, min(max, initial * 2^(attempt-1))]. */
	public Duration backoffAfter(int attempt) {
		long initial = this.initialBackoff.toMillis();
		long ceiling = this.maxBackoff.toMillis();
		long exponential = (attempt >= 31) ? ceiling : Math.min(ceiling, initial << Math.max(0, attempt - 1));
		return Duration.ofMillis((exponential <= 0) ? 0 : ThreadLocalRandom.current().nextLong(exponential + 1));
	}

}
