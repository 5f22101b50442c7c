package dev.migrations.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Runs {@link Seeder seeders} against a {@link DataSource}: plain Java, no Spring Boot needed. <pre>{@code
 * SeedRunner seeds = SeedRunner.builder(dataSource).seeders(List.of(new ReferenceRoles())).build();
 * seeds.seed();
 * }</pre>
 *
 * <p>Every command takes the <em>same</em> schema lock as the {@link Migrator} of the same history table (the lock key
 * is derived from the migrations history table, see {@link Builder#migrationsTable}), so seeding never runs while
 * another instance migrates or seeds. Each seeder runs in its own transaction together with its row in the seed
 * history ({@code schema_seeds}, the same columns as {@code schema_migrations}): it ran if and only if it is recorded.
 * Seeders run through the same session and step runner as migrations, so they get the same lock and statement
 * timeouts, lock-timeout retries, listener events and callbacks.
 */
public final class SeedRunner {

	private final SeedSettings settings;

	private final SeederCommands commands;

	private SeedRunner(Builder builder) {
		Migrator migrator = builder.migrator;
		String migrationsTable = (builder.migrationsTable != null) ? builder.migrationsTable
				: (migrator != null) ? migrator.table() : Defaults.TABLE;
		RunConfig config = builder.config(migrationsTable, "Seeders");
		this.settings = new SeedSettings(config, new SeederCatalog(builder.seeders), builder.table(), builder.storage,
				(migrator != null) ? migrator.settings() : null);
		this.commands = new SeederCommands(this.settings);
	}

	private SeedRunner(SeedSettings settings) {
		this.settings = settings;
		this.commands = new SeederCommands(settings);
	}

	/** This runner's seeders on one tenant's run config, checking against that tenant's migrator (see {@link Fleet}). */
	SeedRunner withConfig(java.util.function.UnaryOperator<RunConfig> tenant, Migrator migrator) {
		SeedSettings s = this.settings;
		return new SeedRunner(new SeedSettings(tenant.apply(s.config()), s.catalog(), s.table(),
				s.storage(), (s.migrations() != null) ? migrator.settings() : null));
	}

	/** A builder for a seed runner on the DataSource. */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/** The ids of the code's seeders, in the order they run. */
	public List<String> seederIds() {
		return this.settings.catalog().ids();
	}

	/** Where the runs are recorded. */
	public SeedStorage storage() {
		return this.settings.storage();
	}

	/** The seed history table's name. */
	public String table() {
		return this.settings.table();
	}

	/**
	 * Runs every seeder that has not run on this database yet, and every {@linkplain Seeder#runAlways() run-always}
	 * seeder; with {@link SeedStorage#NONE} every seeder. In id order, each in its own transaction.
	 * @throws MigrationFailedException naming the seeder that threw; the seeders before it stay committed
	 * @throws MigrationException when the runner knows the migrations ({@link Builder#migrator}) and some are pending
	 */
	public CommandResult seed() {
		return seed(null);
	}

	/** Runs the one seeder with the id (Sequelize's {@code db:seed --seed}), also when it ran before. */
	public CommandResult seed(@Nullable String id) {
		SeederCatalog.ResolvedSeeder only = (id != null) ? this.settings.catalog().require(id) : null;
		return CommandRun.execute(this.settings.config(), Command.SEED, (run) -> this.commands.seed(run, only));
	}

	/** {@link #seed()} on a session that holds the lock already: {@link Migrator#migrateAndSeed}. */
	CommandResult seedIn(Session session) {
		return CommandRun.execute(this.settings.config(), session, Command.SEED, (run) -> this.commands.seed(run, null));
	}

	/**
	 * Undoes the seeder with the newest id among those that ran; with {@link SeedStorage#NONE}, the seeder with the
	 * newest id.
	 */
	public CommandResult undo() {
		return undo(Command.SEED_UNDO, (ran) -> ran.isEmpty() ? List.of() : List.of(ran.get(0)));
	}

	/** Undoes the seeder with the id (Sequelize's {@code db:seed:undo --seed}). */
	public CommandResult undo(String id) {
		this.settings.catalog().require(id);
		return undo(Command.SEED_UNDO, this.commands.one(id, this.settings.storage() == SeedStorage.TABLE));
	}

	/** Undoes every seeder that ran, newest first; with {@link SeedStorage#NONE}, every seeder, newest id first. */
	public CommandResult undoAll() {
		return undo(Command.SEED_UNDO_ALL, (ran) -> ran);
	}

	private CommandResult undo(Command command, java.util.function.Function<List<String>, List<String>> selection) {
		return CommandRun.execute(this.settings.config(), command, (run) -> this.commands.undo(run, selection));
	}

	/** Every seeder in the code or the seed history, in id order, with whether and when it ran; changes nothing. */
	public SeedReport status() {
		return this.commands.status();
	}

	/**
	 * Builds a {@link SeedRunner}.
	 */
	public static final class Builder extends RunnerBuilder<Builder> {

		private final Map<String, Seeder> seeders = new LinkedHashMap<>();

		private @Nullable String migrationsTable;

		private SeedStorage storage = Defaults.SEED_STORAGE;

		private @Nullable Migrator migrator;

		private Builder(DataSource dataSource) {
			super(dataSource, Defaults.SEED_TABLE, "migrations.seeders.table");
		}

		/** Adds seeders, each named by its class in messages. */
		public Builder seeders(Iterable<? extends Seeder> seeders) {
			seeders.forEach((seeder) -> seeder(nameOf(seeder), seeder));
			return this;
		}

		/** Adds one seeder, named by {@code source} in messages. */
		public Builder seeder(String source, Seeder seeder) {
			this.seeders.put(claim(source, "seeders"), Objects.requireNonNull(seeder, "seeder"));
			return this;
		}

		/** Adds seeders named by where they come from, e.g. Spring bean names. */
		public Builder seeders(Map<String, ? extends Seeder> seeders) {
			seeders.forEach(this::seeder);
			return this;
		}

		/**
		 * The migrations history table ({@code schema_migrations} by default) whose schema lock the seeders take: use
		 * the same value as the {@link Migrator}'s {@code table}, so migrating and seeding never run at once.
		 */
		public Builder migrationsTable(String migrationsTable) {
			this.migrationsTable = requireName(migrationsTable, "migrations.table");
			return this;
		}

		/** Where runs are recorded; {@link SeedStorage#TABLE} by default. */
		public Builder storage(SeedStorage storage) {
			this.storage = Objects.requireNonNull(storage, "storage");
			return this;
		}

		/**
		 * The migrator whose migrations the seeders build on: {@code seed} refuses to run while any of its migrations
		 * is pending, naming them; and its history table is the default of {@link #migrationsTable}. Without it,
		 * seeding does not look at the migrations.
		 */
		public Builder migrator(@Nullable Migrator migrator) {
			this.migrator = migrator;
			return this;
		}

		/**
		 * Checks the seeders and builds the runner; touches no database.
		 * @throws InvalidMigrationException naming a malformed or duplicate id
		 */
		public SeedRunner build() {
			return new SeedRunner(this);
		}

	}

}
