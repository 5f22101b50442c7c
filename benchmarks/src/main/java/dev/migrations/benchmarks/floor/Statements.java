package dev.migrations.benchmarks.floor;

/** The one statement every variant's migration i runs. */
public final class Statements {

	private Statements() {
	}

	/** {@code CREATE TABLE t_i (id bigint primary key, name text)}. */
	public static String create(int i) {
		return "CREATE TABLE t_" + i + " (id bigint primary key, name text)";
	}

}
