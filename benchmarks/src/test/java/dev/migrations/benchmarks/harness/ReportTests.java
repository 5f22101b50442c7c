package dev.migrations.benchmarks.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's no-op figures: each start with the tool on is compared with the start with it off of the same pair.
 */
class ReportTests {

	@Test
	void noopOnMinusOffIsTakenWithinEachPairOfStarts() {
		List<Sample> samples = List.of(apply(0), noop(0, 0, Sample.NOOP_ON, 2100), noop(0, 0, Sample.NOOP_OFF, 2000),
				noop(0, 1, Sample.NOOP_OFF, 2900), noop(0, 1, Sample.NOOP_ON, 2950), apply(1),
				noop(1, 0, Sample.NOOP_ON, 2200), noop(1, 0, Sample.NOOP_OFF, 2180), noop(1, 1, Sample.NOOP_OFF, 2000),
				noop(1, 1, Sample.NOOP_ON, 2070));
		String markdown = new Report(samples, List.of(1000), List.of(Variant.STARTER), new Environment(Map.of()), 2, 2,
				0, "benchmarks/run.sh --noop-pairs 2", Duration.ofMinutes(1), List.of())
			.markdown();
		// Pairs (100, 50, 20, 70): the median of the differences, not the difference of medians (2150 - 2090 = 60).
		assertThat(markdown).contains("| starter | 2150 (2070–2950) | 2090 (2000–2900) | 60 (20–100) |")
			.contains("2 pair(s) per repetition")
			.contains(Sample.CSV_HEADER)
			.contains("1,1000,starter,noop-on,240.0,2070,2070,140000,1");
	}

	private static Sample apply(int rep) {
		return new Sample(rep, 0, 1000, Variant.STARTER, Sample.APPLY, 7000, 9000, 9000, 160_000);
	}

	private static Sample noop(int rep, int pair, String run, long startupMs) {
		return new Sample(rep, pair, 1000, Variant.STARTER, run, run.equals(Sample.NOOP_ON) ? 240 : -1, startupMs,
				startupMs, 140_000);
	}

}
