package dev.migrations.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median with min and max. */
record Stats(double median, double min, double max, int count) {

	static Stats of(List<Double> values) {
		if (values.isEmpty()) {
			return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int size = sorted.size();
		double median = (size % 2 == 1) ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
		return new Stats(median, sorted.get(0), sorted.get(size - 1), size);
	}

	/** {@code 12.3 (11.0–14.2)} with the given decimals. */
	String format(int decimals) {
		if (this.count == 0) {
			return "–";
		}
		String pattern = "%." + decimals + "f";
		return String.format(Locale.ROOT, pattern + " (" + pattern + "–" + pattern + ")", this.median, this.min,
				this.max);
	}

}
