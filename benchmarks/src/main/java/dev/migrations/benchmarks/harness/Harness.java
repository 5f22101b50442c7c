package dev.migrations.benchmarks.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every variant in its own JVM against fresh PostgreSQL databases, interleaved, and prints and writes the
 * results. Start it with {@code benchmarks/run.sh} (which builds first); options:
 * <pre>
 *   --reps 5               measured repetitions (after the warm-ups)
 *   --warmup 1             unrecorded repetitions first
 *   --sizes 100,1000       numbers of migrations
 *   --variants starter,flyway-java,flyway-sql,liquibase,floor   (also: starter-aot, starter-no-checksums, spring-floor,
 *                                                              opt-in)
 *   --out benchmarks/RESULTS.md
 *   --jdbc jdbc:postgresql://127.0.0.1:5432/   server (user from --user, trust or PGPASSWORD-less auth)
 *   --user postgres
 * </pre>
 * Each repetition runs, for each size and each variant in an order rotated per repetition: on a fresh database the
 * apply run (every migration pending), then the same app again with everything applied (no-op, tool on) and with the
 * tool switched off, in an order alternated per repetition. Every process runs under {@code /usr/bin/time -v} for its
 * peak RSS.
 *
 * <p>An AOT variant ({@code starter-aot}) is processed ahead of time once per size before the repetitions (twice:
 * with the tool on, and with it off for the tool-off run, since AOT decides conditions at build time); that build
 * time is logged and reported, never measured as part of a run.
 */
public final class Harness {

	private static final String TIME = "/usr/bin/time";

	private static final Pattern BENCH = Pattern.compile(
			"^BENCH startup_ms=(\\d+) step_ms=(-?[0-9.]+) tool=(\\S+).*? step_alloc_kib=(-?\\d+) startup_alloc_kib=(\\d+)",
			Pattern.MULTILINE);

	/** What Spring Boot logs when it starts from AOT-generated initializers. */
	private static final String AOT_STARTED = "Starting AOT-processed ";

	private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

	private final Map<String, String> options;

	private final int reps;

	/** How many pairs of no-op starts (tool on, tool off) each repetition makes after its apply run. */
	private final int noopPairs;

	private final int warmup;

	private final List<Integer> sizes;

	private final List<Variant> variants;

	private final String jdbc;

	private final String user;

	private final Path moduleDir;

	private final Path work;

	private final List<String> classpath;

	private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	private final List<Sample> samples = new ArrayList<>();

	/** AOT output to put on the classpath, by {@link #aotKey}. */
	private final Map<String, List<String>> aot = new LinkedHashMap<>();

	/** What was done at build time and how long it took, for the report. */
	private final List<String> buildNotes = new ArrayList<>();

	private Harness(Map<String, String> options) throws IOException {
		this.options = options;
		this.reps = Integer.parseInt(options.getOrDefault("reps", "5"));
		this.warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
		this.noopPairs = Integer.parseInt(options.getOrDefault("noop-pairs", "1"));
		if (this.noopPairs < 1) {
			throw new IllegalArgumentException("--noop-pairs must be at least 1, got " + this.noopPairs);
		}
		this.sizes = Arrays.stream(options.getOrDefault("sizes", "100,1000").split(",")).map(Integer::valueOf).toList();
		this.variants = Arrays.stream(options.getOrDefault("variants", Variant.DEFAULTS)
			.split(",")).map(Variant::of).toList();
		String server = options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/");
		this.jdbc = server.endsWith("/") ? server : server + "/";
		this.user = options.getOrDefault("user", "postgres");
		this.moduleDir = Path.of(options.getOrDefault("module-dir", "benchmarks"));
		this.work = this.moduleDir.resolve("target/bench-work");
		Path classpathFile = this.moduleDir.resolve("target/classpath.txt");
		if (!Files.exists(classpathFile)) {
			throw new IllegalStateException(classpathFile + " is missing: build first with "
					+ "./mvnw -B -pl benchmarks -am package -DskipTests (benchmarks/run.sh does)");
		}
		List<String> entries = new ArrayList<>();
		entries.add(this.moduleDir.resolve("target/classes").toAbsolutePath().toString());
		entries.addAll(Arrays.asList(Files.readString(classpathFile).trim().split(File.pathSeparator)));
		this.classpath = List.copyOf(entries);
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected --option value, got '" + args[i] + "'");
			}
			options.put(args[i].substring(2), args[++i]);
		}
		new Harness(options).run();
	}

	private void run() throws Exception {
		checkTime();
		Environment environment = Environment.read(this.jdbc + "postgres", this.user, this.classpath);
		long started = System.nanoTime();
		Map<Integer, Path> generated = new LinkedHashMap<>();
		for (int n : this.sizes) {
			long start = System.nanoTime();
			generated.put(n, Generator.generate(this.work.resolve("n" + n), n, String.join(File.pathSeparator,
					this.classpath)));
			log("generated and compiled %d migrations per tool in %d ms", n, (System.nanoTime() - start) / 1_000_000);
			for (Variant variant : this.variants) {
				if (variant.aot) {
					processAheadOfTime(variant, n, generated.get(n));
				}
			}
		}
		int total = this.warmup + this.reps;
		for (int r = 0; r < total; r++) {
			boolean recorded = r >= this.warmup;
			int rep = r - this.warmup;
			for (int s = 0; s < this.sizes.size(); s++) {
				int n = this.sizes.get((s + r) % this.sizes.size());
				for (int v = 0; v < this.variants.size(); v++) {
					Variant variant = this.variants.get((v + r) % this.variants.size());
					List<Sample> results = measure(variant, n, generated.get(n), rep, r % 2 == 0);
					log("%s n=%d %-11s %s", recorded ? "rep " + (rep + 1) + "/" + this.reps : "warm-up", n,
							variant.label, describe(results));
					if (recorded) {
						this.samples.addAll(results);
					}
				}
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		Report report = new Report(this.samples, this.sizes, this.variants, environment, this.reps, this.noopPairs, this.warmup,
				command(), took, this.buildNotes);
		String text = report.markdown();
		System.out.println();
		System.out.println(text);
		Path out = Path.of(this.options.getOrDefault("out", this.moduleDir.resolve("RESULTS.md").toString()));
		Files.writeString(out, text);
		Files.writeString(this.work.resolve("samples.csv"), Sample.CSV_HEADER + "\n"
				+ String.join("\n", this.samples.stream().map(Sample::csv).toList()) + "\n");
		log("wrote %s (raw samples in %s) after %d s", out, this.work.resolve("samples.csv"), took.toSeconds());
	}

	/**
	 * Runs Spring AOT for the variant at size n: once with its properties (apply and no-op runs) and once with the
	 * tool switched off (the tool-off run), as a build would for two apps.
	 */
	private void processAheadOfTime(Variant variant, int n, Path generated) throws IOException, InterruptedException {
		for (boolean on : new boolean[] { true, false }) {
			List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + this.jdbc + "postgres",
					"--spring.datasource.username=" + this.user));
			args.addAll(variant.properties);
			if (!on) {
				args.addAll(variant.offProperties);
			}
			String key = aotKey(variant, n, on);
			long start = System.nanoTime();
			Path dir = this.work.resolve("n" + n).resolve("aot-" + variant.label + (on ? "-on" : "-off"));
			this.aot.put(key, AotProcessing.process(this.javaBin, dir, classpath(variant, generated), args));
			long ms = (System.nanoTime() - start) / 1_000_000;
			log("AOT-processed %s at n=%d, tool %s, in %d ms (build time, not measured)", variant.label, n,
					on ? "on" : "off", ms);
			this.buildNotes.add(String.format(Locale.ROOT, "`%s`, N = %d, tool %s: AOT processing and javac of the "
					+ "generated sources took %.1f s", variant.label, n, on ? "on" : "off", ms / 1000.0));
		}
	}

	private static String aotKey(Variant variant, int n, boolean on) {
		return n + "/" + variant.label + "/" + (on ? "on" : "off");
	}

	private String command() {
		String command = System.getenv("BENCH_COMMAND");
		return (command != null && !command.isBlank()) ? command : "benchmarks/run.sh";
	}

	private List<Sample> measure(Variant variant, int n, Path generated, int rep, boolean onFirst) throws Exception {
		String database = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		admin("CREATE DATABASE " + database);
		try {
			String url = this.jdbc + database;
			List<Sample> results = new ArrayList<>();
			results.add(launch(variant, n, generated, url, Sample.APPLY, rep, 0));
			checkApplied(url, n, variant);
			if (variant == Variant.SPRING_FLOOR) {
				// Only the same app without the floor, for the memory the floor adds.
				results.add(launch(variant, n, generated, url, Sample.NOOP_OFF, rep, 0));
			}
			if (variant.restarts()) {
				// The pairs alternate which start goes first, so that neither gains from the other's warm caches.
				for (int pair = 0; pair < this.noopPairs; pair++) {
					boolean on = onFirst == (pair % 2 == 0);
					List<String> noop = on ? List.of(Sample.NOOP_ON, Sample.NOOP_OFF)
							: List.of(Sample.NOOP_OFF, Sample.NOOP_ON);
					for (String run : noop) {
						results.add(launch(variant, n, generated, url, run, rep, pair));
					}
				}
			}
			return results;
		}
		finally {
			admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
	}

	private Sample launch(Variant variant, int n, Path generated, String url, String run, int rep, int pair)
			throws IOException, InterruptedException {
		List<String> entries = new ArrayList<>(classpath(variant, generated));
		if (variant.aot) {
			entries.addAll(0, this.aot.get(aotKey(variant, n, !run.equals(Sample.NOOP_OFF))));
		}
		List<String> command = new ArrayList<>(List.of(TIME, "-v", "-o", "", this.javaBin, "-cp",
				String.join(File.pathSeparator, entries)));
		if (variant.aot) {
			command.add("-Dspring.aot.enabled=true");
		}
		if (variant.isFloor()) {
			command.addAll(List.of("dev.migrations.benchmarks.floor.Floor", url, this.user, Integer.toString(n)));
		}
		else {
			command.add("dev.migrations.benchmarks.app.BenchApp");
			command.add("--spring.datasource.url=" + url);
			command.add("--spring.datasource.username=" + this.user);
			command.addAll(variant.properties);
			if (run.equals(Sample.NOOP_OFF)) {
				command.addAll(variant.offProperties);
			}
			else if (variant == Variant.SPRING_FLOOR) {
				command.add("--bench.spring-floor.migrations=" + n);
			}
		}
		Path logs = this.work.resolve("logs");
		Files.createDirectories(logs);
		String name = "n" + n + "-" + variant.label + "-" + run;
		Path log = logs.resolve(name + ".log");
		Path time = logs.resolve(name + ".time");
		command.set(3, time.toString());
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(20, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException(name + " did not finish in 20 minutes; see " + log);
		}
		long wallMs = (System.nanoTime() - start) / 1_000_000;
		String output = Files.readString(log);
		Matcher bench = BENCH.matcher(output);
		if (process.exitValue() != 0 || !bench.find()) {
			throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "); see " + log + ":\n"
					+ tail(output));
		}
		if (!variant.isFloor() && output.contains(AOT_STARTED) != variant.aot) {
			throw new IllegalStateException(name + ": expected the app " + (variant.aot ? "" : "not ")
					+ "to start AOT-processed ('" + AOT_STARTED + "' in its log); see " + log);
		}
		Matcher rss = RSS.matcher(Files.readString(time));
		if (!rss.find()) {
			throw new IllegalStateException("No peak RSS in " + time + "; is " + TIME + " GNU time?");
		}
		double step = Double.parseDouble(bench.group(2));
		boolean toolRan = step >= 0;
		if (toolRan == run.equals(Sample.NOOP_OFF)) {
			throw new IllegalStateException(name + ": the migration step " + (toolRan ? "ran" : "did not run")
					+ " (tool=" + bench.group(3) + "); see " + log);
		}
		return new Sample(rep, pair, n, variant, run, step, Long.parseLong(bench.group(1)), wallMs,
				Long.parseLong(rss.group(1)), Long.parseLong(bench.group(4)), Long.parseLong(bench.group(5)));
	}

	/** The variant's classpath: the shared jars, its own tool's jars, none of the other tools'. */
	List<String> classpath(Variant variant, Path generated) {
		List<String> entries = new ArrayList<>();
		for (String entry : this.classpath) {
			if (variant.isFloor()) {
				if (entry.endsWith("/classes") || entry.contains("/org/postgresql/")) {
					entries.add(entry);
				}
				continue;
			}
			boolean other = Arrays.stream(Variant.Tool.values())
				.anyMatch((tool) -> tool != variant.tool && tool.owns(entry));
			if (!other) {
				entries.add(entry);
			}
		}
		if (!variant.isFloor()) {
			entries.add(generated.toAbsolutePath().toString());
		}
		return entries;
	}

	private void checkApplied(String url, int n, Variant variant) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, this.user, null);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
						+ "AND tablename ~ '^t_[0-9]+$'")) {
			rs.next();
			if (rs.getInt(1) != n) {
				throw new IllegalStateException(variant.label + " created " + rs.getInt(1) + " tables, expected " + n);
			}
		}
	}

	private void admin(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.jdbc + "postgres", this.user, null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void checkTime() throws IOException, InterruptedException {
		if (!Files.isExecutable(Path.of(TIME))) {
			throw new IllegalStateException(TIME + " is missing: the harness reads each process's peak RSS from GNU "
					+ "time. Install it (Debian/Ubuntu: apt-get install time; Fedora: dnf install time).");
		}
		Process probe = new ProcessBuilder(TIME, "-v", "true").redirectErrorStream(true).start();
		String output = new String(probe.getInputStream().readAllBytes());
		probe.waitFor();
		if (!RSS.matcher(output).find()) {
			throw new IllegalStateException(TIME + " is not GNU time (no 'Maximum resident set size' from -v); "
					+ "install GNU time (Debian/Ubuntu: apt-get install time).");
		}
	}

	private static String describe(List<Sample> results) {
		StringBuilder text = new StringBuilder();
		for (Sample sample : results) {
			text.append(String.format(Locale.ROOT, " %s[step %.0f ms, startup %d ms, rss %d MiB]", sample.run(),
					sample.stepMs(), sample.startupMs(), sample.rssKib() / 1024));
		}
		return text.toString();
	}

	private static String tail(String output) {
		String[] lines = output.split("\n");
		return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
	}

	static void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
		System.out.flush();
	}

}
