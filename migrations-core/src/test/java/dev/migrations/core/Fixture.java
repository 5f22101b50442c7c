package dev.migrations.core;

import dev.migrations.schema.QueryInterface;

/**
 * A migration for tests, built from lambdas.
 */
class Fixture implements Migration {

	interface Step {

		void run(QueryInterface q) throws Exception;

	}

	private final String id;

	private final Step up;

	private final Step down;

	private final boolean transactional;

	Fixture(String id, Step up, Step down, boolean transactional) {
		this.id = id;
		this.up = up;
		this.down = down;
		this.transactional = transactional;
	}

	static Fixture of(String id, Step up, Step down) {
		return new Fixture(id, up, down, true);
	}

	static Fixture nonTransactional(String id, Step up, Step down) {
		return new Fixture(id, up, down, false);
	}

	/** Creates the table {@code name (id bigint primary key)}; down drops it. */
	static Fixture table(String id, String name) {
		return of(id, (q) -> q.createTable(name, (t) -> t.bigint("id").primaryKey()), (q) -> q.dropTable(name));
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void up(QueryInterface q) throws Exception {
		this.up.run(q);
	}

	@Override
	public void down(QueryInterface q) throws Exception {
		this.down.run(q);
	}

	@Override
	public boolean transactional() {
		return this.transactional;
	}

	/** A migration without down. */
	static final class Irreversible implements Migration {

		private final String id;

		private final Step up;

		Irreversible(String id, Step up) {
			this.id = id;
			this.up = up;
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public void up(QueryInterface q) throws Exception {
			this.up.run(q);
		}

	}

}
