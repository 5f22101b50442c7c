package dev.migrations.core;

import dev.migrations.schema.QueryInterface;

/**
 * A seeder for tests, built from lambdas.
 */
class SeedFixture implements Seeder {

	private final String id;

	private final Fixture.Step run;

	private final Fixture.Step undo;

	private final boolean runAlways;

	SeedFixture(String id, Fixture.Step run, Fixture.Step undo, boolean runAlways) {
		this.id = id;
		this.run = run;
		this.undo = undo;
		this.runAlways = runAlways;
	}

	static SeedFixture of(String id, Fixture.Step run, Fixture.Step undo) {
		return new SeedFixture(id, run, undo, false);
	}

	static SeedFixture always(String id, Fixture.Step run, Fixture.Step undo) {
		return new SeedFixture(id, run, undo, true);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void run(QueryInterface q) throws Exception {
		this.run.run(q);
	}

	@Override
	public void undo(QueryInterface q) throws Exception {
		this.undo.run(q);
	}

	@Override
	public boolean runAlways() {
		return this.runAlways;
	}

	/** A seeder without undo. */
	static final class Permanent implements Seeder {

		private final String id;

		Permanent(String id) {
			this.id = id;
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public void run(QueryInterface q) {
		}

	}

}
