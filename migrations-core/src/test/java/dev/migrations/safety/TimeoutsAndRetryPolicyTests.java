package dev.migrations.safety;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The timeout settings' warnings and the retry policy's backoff.
 */
class TimeoutsAndRetryPolicyTests {

	@Test
	void lockTimeoutOfZeroOrLongerThanThirtySecondsIsWarnedAbout() {
		assertThat(new Timeouts(Duration.ZERO, Duration.ofHours(1)).lockTimeoutWarning()).contains("waits for its lock forever");
		assertThat(new Timeouts(Duration.ofMinutes(2), Duration.ofHours(1)).lockTimeoutWarning()).contains("PT2M");
		assertThat(Timeouts.defaults().lockTimeoutWarning()).isNull();
		assertThat(new Timeouts(Duration.ofSeconds(30), Duration.ZERO).lockTimeoutWarning()).isNull();
	}

	@Test
	void migrationOverridesOnlyWhatItSets() {
		Timeouts overridden = Timeouts.defaults().overriddenBy(Duration.ofSeconds(2), null);
		assertThat(overridden.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(overridden.statementTimeout()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void negativeTimeoutsAndNoAttemptsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Timeouts(Duration.ofSeconds(-1), Duration.ZERO))
			.withMessageContaining("lock timeout");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
			.withMessageContaining("at least 1");
	}

	@Test
	void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
		for (int i = 0; i < 200; i++) {
			assertThat(policy.backoffAfter(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
			assertThat(policy.backoffAfter(3)).isBetween(Duration.ZERO, Duration.ofMillis(400));
			assertThat(policy.backoffAfter(30)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
		}
		assertThat(policy.allowsAnotherAfter(9)).isTrue();
		assertThat(policy.allowsAnotherAfter(10)).isFalse();
		assertThat(RetryPolicy.none().allowsAnotherAfter(1)).isFalse();
	}

}
