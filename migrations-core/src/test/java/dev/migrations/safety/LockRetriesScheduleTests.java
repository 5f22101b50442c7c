package dev.migrations.safety;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LockRetriesScheduleTests {

	@Test
	void timeoutsGrowStepByStepFromTheFirstToTheLast() {
		LockRetries schedule = new LockRetries(5, Duration.ofMillis(100), Duration.ofMillis(1600), Duration.ofMinutes(1));
		assertThat(schedule.timeoutFor(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(schedule.timeoutFor(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(schedule.timeoutFor(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(schedule.timeoutFor(4)).isEqualTo(Duration.ofMillis(800));
		assertThat(schedule.timeoutFor(5)).isEqualTo(Duration.ofMillis(1600));
		assertThat(schedule.timeoutFor(9)).isEqualTo(Duration.ofMillis(1600));
	}

	@Test
	void defaultsNeverHoldTheQueueLongerThanTheLastTimeout() {
		LockRetries defaults = LockRetries.defaults();
		for (int attempt = 1; attempt <= defaults.attempts(); attempt++) {
			assertThat(defaults.timeoutFor(attempt)).isBetween(Duration.ofMillis(100), Duration.ofMillis(400));
		}
	}

	@Test
	void badSchedulesAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LockRetries(0, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1)))
			.withMessageContaining("attempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LockRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)))
			.withMessageContaining("must not be shorter than the first");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LockRetries(3, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1)))
			.withMessageContaining("first lock timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LockRetries(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ZERO))
			.withMessageContaining("budget");
	}

}
