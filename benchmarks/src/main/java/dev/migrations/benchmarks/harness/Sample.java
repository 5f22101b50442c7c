package dev.migrations.benchmarks.harness;

/**
 * One process run.
 * @param rep the repetition (0-based, warm-ups excluded)
 * @param pair which pair of no-op starts (tool on, tool off) of the repetition (0-based; 0 for an apply run)
 * @param n the number of migrations
 * @param variant the variant
 * @param run {@code apply}, {@code noop-on} or {@code noop-off}
 * @param stepMs the migration step as the process timed it (-1 when the tool is off)
 * @param startupMs JVM start to ready (to done for the floor)
 * @param wallMs the process's wall time as the harness saw it
 * @param rssKib the process's peak RSS
 * @param stepAllocKib what the migration step allocated on its thread (-1 when the tool is off)
 * @param startupAllocKib what the startup's thread allocated from the JVM's start to ready (the floor: to its end)
 */
record Sample(int rep, int pair, int n, Variant variant, String run, double stepMs, long startupMs, long wallMs,
		long rssKib, long stepAllocKib, long startupAllocKib) {

	static final String APPLY = "apply";

	static final String NOOP_ON = "noop-on";

	static final String NOOP_OFF = "noop-off";

	/** The columns of {@link #csv()}. */
	static final String CSV_HEADER = "rep,n,variant,run,step_ms,startup_ms,wall_ms,rss_kib,pair,step_alloc_kib,"
			+ "startup_alloc_kib";

	String csv() {
		return this.rep + "," + this.n + "," + this.variant.label + "," + this.run + "," + this.stepMs + ","
				+ this.startupMs + "," + this.wallMs + "," + this.rssKib + "," + this.pair + "," + this.stepAllocKib + ","
				+ this.startupAllocKib;
	}

}
