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
		assertThat(markdown)
			.contains("| starter | 2150 (2070–2950) | 2090 (2000–2900) | 60 (20–100) | 240 (240–240) | 2.0 (2.0–2.0) "
					+ "| 4.0 (3.0–5.0) |")
			.contains("2 pair(s) per repetition")
			.contains(Sample.CSV_HEADER)
			.contains("1,1000,starter,noop-on,240.0,2070,2070,140000,1,2048,209920")
			// What the apply step allocated: 30 MiB in each repetition.
			.contains("| 9000 (9000–9000) | 156 (156–156) | 30.0 (30.0–30.0) |");
	}

	@Test
	void springFloorRatioDividesEachApplyByTheSpringFloorOfItsRepetition() {
		List<Sample> samples = List.of(run(0, Variant.STARTER, Sample.APPLY, 6000, 170_000),
				run(0, Variant.SPRING_FLOOR, Sample.APPLY, 5000, 150_000),
				run(0, Variant.SPRING_FLOOR, Sample.NOOP_OFF, -1, 130_000),
				run(0, Variant.FLOOR, Sample.APPLY, 4000, 60_000), run(1, Variant.STARTER, Sample.APPLY, 9000, 170_000),
				run(1, Variant.SPRING_FLOOR, Sample.APPLY, 6000, 152_048),
				run(1, Variant.SPRING_FLOOR, Sample.NOOP_OFF, -1, 131_024),
				run(1, Variant.FLOOR, Sample.APPLY, 5000, 60_000));
		String markdown = new Report(samples, List.of(1000), List.of(Variant.STARTER, Variant.SPRING_FLOOR,
				Variant.FLOOR), new Environment(Map.of()), 2, 1, 0, "benchmarks/run.sh", Duration.ofMinutes(1),
				List.of())
			.markdown();
		// Starter: 6000/5000 and 9000/6000 against the Spring floor, 6000/4000 and 9000/5000 against the floor.
		assertThat(markdown).contains("| × floor | × Spring floor |")
			.contains("| starter | 7500 (6000–9000) | 7.50 (6.00–9.00) | 1.65 (1.50–1.80) | 1.35 (1.20–1.50) | 8000 "
					+ "(8000–8000) | 166 (166–166) | 1.5 (1.0–2.0) |")
			.contains("| spring-floor | 5500 (5000–6000) | 5.50 (5.00–6.00) | 1.23 (1.20–1.25) | 1 |")
			// The Spring floor's memory is to the same app without it; it never restarts.
			.contains("| spring-floor | 127 (127–128) | 147 (146–148) | 20 (20–21) | – | – |")
			.doesNotContain("| spring-floor | – |");
	}

	private static Sample run(int rep, Variant variant, String run, double stepMs, long rssKib) {
		return new Sample(rep, 0, 1000, variant, run, stepMs, 8000, 8000, rssKib,
				run.equals(Sample.NOOP_OFF) ? -1 : 1024 * (rep + 1), 200_000);
	}

	private static Sample apply(int rep) {
		return new Sample(rep, 0, 1000, Variant.STARTER, Sample.APPLY, 7000, 9000, 9000, 160_000, 30_720, 250_000);
	}

	private static Sample noop(int rep, int pair, String run, long startupMs) {
		return new Sample(rep, pair, 1000, Variant.STARTER, run, run.equals(Sample.NOOP_ON) ? 240 : -1, startupMs,
				startupMs, 140_000, run.equals(Sample.NOOP_ON) ? 2048 : -1,
				// The whole startup's allocation: 3 MiB more with the tool on in the first pair of each repetition, 5 in
				// the second.
				run.equals(Sample.NOOP_ON) ? 204_800 + 1024 * (3 + 2 * pair) : 204_800);
	}

}
