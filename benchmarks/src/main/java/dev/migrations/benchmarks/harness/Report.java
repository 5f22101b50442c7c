package dev.migrations.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Turns the samples into the Markdown tables: medians with min–max over the repetitions. */
final class Report {

	private static final double MIB = 1024.0;

	private final List<Sample> samples;

	private final List<Integer> sizes;

	private final List<Variant> variants;

	private final Environment environment;

	private final int reps;

	private final int noopPairs;

	private final int warmup;

	private final String command;

	private final Duration took;

	private final List<String> buildNotes;

	Report(List<Sample> samples, List<Integer> sizes, List<Variant> variants, Environment environment, int reps,
			int noopPairs, int warmup, String command, Duration took, List<String> buildNotes) {
		this.buildNotes = List.copyOf(buildNotes);
		this.samples = samples;
		this.sizes = sizes.stream().sorted().toList();
		this.variants = variants;
		this.environment = environment;
		this.reps = reps;
		this.noopPairs = noopPairs;
		this.warmup = warmup;
		this.command = command;
		this.took = took;
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results: the starter beside Flyway, Liquibase and the JDBC floor\n\n");
		md.append("Produced by `").append(this.command).append("` (see [README.md](README.md) for what is measured ")
			.append("and how). ").append(this.reps).append(" measured repetitions after ").append(this.warmup)
			.append(" warm-up; each cell is the median (min–max) over the repetitions. Variants are interleaved ")
			.append("within each repetition, each apply run gets a fresh database, and every run is a separate JVM. ")
			.append(String.format(Locale.ROOT, "The whole run took %d min %d s.%n%n", this.took.toMinutes(),
					this.took.toSecondsPart()));
		md.append("| | |\n| --- | --- |\n");
		for (Map.Entry<String, String> fact : this.environment.facts().entrySet()) {
			md.append("| ").append(fact.getKey()).append(" | ").append(fact.getValue()).append(" |\n");
		}
		md.append("| Load average at end | ").append(Environment.loadAverage()).append(" |\n\n");
		if (!this.buildNotes.isEmpty()) {
			md.append("Build time, before the repetitions and in no measured run (an AOT variant's tool-off run uses ")
				.append("the app processed with the tool off, since AOT decides conditions at build time):\n\n");
			this.buildNotes.forEach((note) -> md.append("- ").append(note).append('\n'));
			md.append('\n');
		}
		for (int n : this.sizes) {
			apply(md, n);
			noop(md, n);
			memory(md, n);
		}
		marginal(md);
		targets(md);
		raw(md);
		return md.toString();
	}

	private void apply(StringBuilder md, int n) {
		md.append("## Apply: fresh database, N = ").append(n).append(" pending migrations\n\n");
		md.append("Migration step: from the container creating the tool's first bean to the end of its migrating ")
			.append("bean's initialization (the floor: from opening its connection to its last commit). ")
			.append("× floor: the step divided by the floor's step in the same repetition. Startup: JVM start to ")
			.append("application ready. Allocated: what the step allocated on its thread, in MiB (the same build ")
			.append("allocates the same on any machine).\n\n");
		boolean springFloor = this.variants.contains(Variant.SPRING_FLOOR);
		if (springFloor) {
			md.append("× Spring floor: the step divided by the Spring floor's step in the same repetition (the floor's ")
				.append("statements run by a bean of the same app, without a tool): what the tool adds over any ")
				.append("migration done inside a Spring Boot app.\n\n");
		}
		md.append("| variant | migration step, ms | per migration, ms | × floor |")
			.append(springFloor ? " × Spring floor |" : "")
			.append(" startup, ms | peak RSS, MiB | allocated, MiB |\n");
		md.append("| --- | ---: | ---: | ---: |").append(springFloor ? " ---: |" : "").append(" ---: | ---: | ---: |\n");
		for (Variant variant : this.variants) {
			List<Sample> apply = runs(n, variant, Sample.APPLY);
			md.append("| ").append(variant.label)
				.append(" | ").append(stats(apply, Sample::stepMs).format(0))
				.append(" | ").append(stats(apply, (s) -> s.stepMs() / n).format(2))
				.append(" | ").append(variant.isFloor() ? "1" : Stats.of(ratios(n, variant, Variant.FLOOR)).format(2));
			if (springFloor) {
				md.append(" | ").append((variant == Variant.SPRING_FLOOR) ? "1"
						: Stats.of(ratios(n, variant, Variant.SPRING_FLOOR)).format(2));
			}
			md.append(" | ").append(stats(apply, (s) -> s.startupMs()).format(0))
				.append(" | ").append(stats(apply, (s) -> s.rssKib() / MIB).format(0))
				.append(" | ").append(allocated(apply))
				.append(" |\n");
		}
		md.append('\n');
	}

	/** The step's allocation in MiB, "–" when the runs did not report it (samples from before it was counted). */
	private static String allocated(List<Sample> runs) {
		List<Sample> known = runs.stream().filter((s) -> s.stepAllocKib() >= 0).toList();
		return known.isEmpty() ? "–" : stats(known, (s) -> s.stepAllocKib() / MIB).format(1);
	}

	private void noop(StringBuilder md, int n) {
		md.append("## No-op startup: N = ").append(n).append(" migrations, all applied\n\n");
		md.append("The same app started again: with the tool on (it finds nothing to do) and with it off ")
			.append("(`migrations.enabled=false`, `spring.flyway.enabled=false`, `spring.liquibase.enabled=false`). ")
			.append("On − off is taken within each pair of starts, one after the other: what every restart pays. ")
			.append(this.noopPairs).append(" pair(s) per repetition, alternating which start goes first; each no-op ")
			.append("cell is the median (min–max) over every pair.\n\n");
		md.append("Allocated: what the context's thread allocated in the migration step with the tool on, and from the ")
			.append("JVM's start to ready, on − off within each pair (this counts what the step does not see: a tool's ")
			.append("bean definitions, registered before its first bean), in MiB.\n\n");
		md.append("| variant | startup on, ms | startup off, ms | on − off, ms | migration step on, ms | allocated in the step on, MiB "
				+ "| allocated in the startup, on − off, MiB |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Variant variant : this.variants) {
			if (!variant.restarts()) {
				continue;
			}
			md.append("| ").append(variant.label)
				.append(" | ").append(stats(runs(n, variant, Sample.NOOP_ON), (s) -> s.startupMs()).format(0))
				.append(" | ").append(stats(runs(n, variant, Sample.NOOP_OFF), (s) -> s.startupMs()).format(0))
				.append(" | ").append(Stats.of(differences(n, variant, Sample.NOOP_ON, (s) -> s.startupMs())).format(0))
				.append(" | ").append(stats(runs(n, variant, Sample.NOOP_ON), Sample::stepMs).format(0))
				.append(" | ").append(allocated(runs(n, variant, Sample.NOOP_ON)))
				.append(" | ").append(Stats.of(differences(n, variant, Sample.NOOP_ON, (s) -> s.startupAllocKib() / MIB))
					.format(1))
				.append(" |\n");
		}
		md.append('\n');
	}

	private void memory(StringBuilder md, int n) {
		md.append("## Memory: peak RSS, N = ").append(n).append("\n\n");
		md.append("Peak resident set size of each process (`/usr/bin/time -v`), in MiB; the differences are to the ")
			.append("same app with the tool off, within each repetition.\n\n");
		md.append("| variant | tool off | apply | apply − off | no-op | no-op − off |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		ToDoubleFunction<Sample> rss = (s) -> s.rssKib() / MIB;
		for (Variant variant : this.variants) {
			if (variant.isFloor()) {
				md.append("| floor (plain JDBC, no Spring) | – | ")
					.append(stats(runs(n, variant, Sample.APPLY), rss).format(0))
					.append(" | – | – | – |\n");
				continue;
			}
			md.append("| ").append(variant.label)
				.append(" | ").append(stats(runs(n, variant, Sample.NOOP_OFF), rss).format(0))
				.append(" | ").append(stats(runs(n, variant, Sample.APPLY), rss).format(0))
				.append(" | ").append(Stats.of(differences(n, variant, Sample.APPLY, rss)).format(0));
			if (variant.restarts()) {
				md.append(" | ").append(stats(runs(n, variant, Sample.NOOP_ON), rss).format(0))
					.append(" | ").append(Stats.of(differences(n, variant, Sample.NOOP_ON, rss)).format(0));
			}
			else {
				md.append(" | – | –");
			}
			md.append(" |\n");
		}
		md.append('\n');
	}

	/** The cost of one more migration, without the fixed cost: (step(large) − step(small)) / (large − small). */
	private void marginal(StringBuilder md) {
		if (this.sizes.size() < 2) {
			return;
		}
		int small = this.sizes.get(0);
		int large = this.sizes.get(this.sizes.size() - 1);
		md.append("## Marginal cost per migration\n\n");
		md.append("(step at N = ").append(large).append(" − step at N = ").append(small).append(") / ")
			.append(large - small).append(", per repetition: the cost of one more migration with the fixed costs ")
			.append("(connection, history table, scanning) taken out; × floor against the floor's marginal cost in ")
			.append("the same repetition.\n\n");
		md.append("| variant | ms per migration | × floor |\n| --- | ---: | ---: |\n");
		for (Variant variant : this.variants) {
			List<Double> costs = new ArrayList<>();
			List<Double> ratios = new ArrayList<>();
			for (int rep = 0; rep < this.reps; rep++) {
				Optional<Double> cost = marginal(rep, variant, small, large);
				Optional<Double> floor = marginal(rep, Variant.FLOOR, small, large);
				cost.ifPresent(costs::add);
				if (cost.isPresent() && floor.isPresent()) {
					ratios.add(cost.get() / floor.get());
				}
			}
			md.append("| ").append(variant.label).append(" | ").append(Stats.of(costs).format(2)).append(" | ")
				.append(variant.isFloor() ? "1" : Stats.of(ratios).format(2)).append(" |\n");
		}
		md.append('\n');
	}

	private Optional<Double> marginal(int rep, Variant variant, int small, int large) {
		Optional<Sample> a = find(rep, small, variant, Sample.APPLY);
		Optional<Sample> b = find(rep, large, variant, Sample.APPLY);
		if (a.isEmpty() || b.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of((b.get().stepMs() - a.get().stepMs()) / (large - small));
	}

	private void targets(StringBuilder md) {
		int n = this.sizes.get(this.sizes.size() - 1);
		if (!this.variants.contains(Variant.STARTER) || !this.variants.contains(Variant.FLOOR)) {
			return;
		}
		Stats ratio = Stats.of(ratios(n, Variant.STARTER, Variant.FLOOR));
		Stats noop = Stats.of(differences(n, Variant.STARTER, Sample.NOOP_ON, (s) -> s.startupMs()));
		Stats applyRss = Stats.of(differences(n, Variant.STARTER, Sample.APPLY, (s) -> s.rssKib() / MIB));
		Stats noopRss = Stats.of(differences(n, Variant.STARTER, Sample.NOOP_ON, (s) -> s.rssKib() / MIB));
		md.append("## The starter's targets at N = ").append(n).append(" (medians)\n\n");
		md.append("| target | limit | measured | met |\n| --- | ---: | ---: | :---: |\n");
		target(md, "apply, × floor per migration", "≤ 1.15", ratio.format(2), ratio.median() <= 1.15);
		target(md, "no-op startup overhead (on − off)", "≤ 100 ms", noop.format(0) + " ms", noop.median() <= 100);
		target(md, "peak RSS, apply − off", "≤ 15 MiB", applyRss.format(0) + " MiB", applyRss.median() <= 15);
		target(md, "peak RSS, no-op − off", "≤ 15 MiB", noopRss.format(0) + " MiB", noopRss.median() <= 15);
		md.append('\n');
	}

	private static void target(StringBuilder md, String name, String limit, String measured, boolean met) {
		md.append("| ").append(name).append(" | ").append(limit).append(" | ").append(measured).append(" | ")
			.append(met ? "yes" : "**no**").append(" |\n");
	}

	private void raw(StringBuilder md) {
		md.append("<details><summary>Raw samples (one line per process)</summary>\n\n```\n");
		md.append(Sample.CSV_HEADER).append('\n');
		for (Sample sample : this.samples) {
			md.append(sample.csv()).append('\n');
		}
		md.append("```\n\n</details>\n");
	}

	/** Per repetition: the variant's apply step divided by the reference's. */
	private List<Double> ratios(int n, Variant variant, Variant reference) {
		List<Double> ratios = new ArrayList<>();
		for (Sample sample : runs(n, variant, Sample.APPLY)) {
			find(sample.rep(), n, reference, Sample.APPLY)
				.ifPresent((floor) -> ratios.add(sample.stepMs() / floor.stepMs()));
		}
		return ratios;
	}

	/**
	 * Per repetition and pair: the run's value minus the same variant's tool-off value of that pair (an apply run's,
	 * pair 0's).
	 */
	private List<Double> differences(int n, Variant variant, String run, ToDoubleFunction<Sample> value) {
		List<Double> differences = new ArrayList<>();
		for (Sample sample : runs(n, variant, run)) {
			find(sample.rep(), sample.pair(), n, variant, Sample.NOOP_OFF)
				.ifPresent((off) -> differences.add(value.applyAsDouble(sample) - value.applyAsDouble(off)));
		}
		return differences;
	}

	private List<Sample> runs(int n, Variant variant, String run) {
		return this.samples.stream()
			.filter((s) -> s.n() == n && s.variant() == variant && s.run().equals(run))
			.toList();
	}

	private Optional<Sample> find(int rep, int n, Variant variant, String run) {
		return find(rep, 0, n, variant, run);
	}

	private Optional<Sample> find(int rep, int pair, int n, Variant variant, String run) {
		return runs(n, variant, run).stream().filter((s) -> s.rep() == rep && s.pair() == pair).findFirst();
	}

	private static Stats stats(List<Sample> samples, ToDoubleFunction<Sample> value) {
		return Stats.of(samples.stream().map(value::applyAsDouble).toList());
	}

}
