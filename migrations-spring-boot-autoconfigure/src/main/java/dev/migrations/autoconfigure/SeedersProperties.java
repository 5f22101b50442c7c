package dev.migrations.autoconfigure;

import dev.migrations.core.Defaults;
import dev.migrations.core.SeedStorage;
import org.jspecify.annotations.Nullable;

/**
 * Configuration properties for seeders ({@code migrations.seeders.*}).
 */
public class SeedersProperties {

	/**
	 * Whether to run pending seeders at startup, after the migrations. Off by default: seeding writes data, and
	 * starting an application should not do that unless asked; the seed commands work either way.
	 */
	private boolean enabled;

	/**
	 * Name of the seed history table, in the schema of the migrations history table.
	 */
	private String table = Defaults.SEED_TABLE;

	/**
	 * Where seeder runs are recorded: 'table' runs each seeder once per database (unless it runs always), 'none'
	 * records nothing and runs every seeder on every seed, as Sequelize does by default.
	 */
	private SeedStorage storage = Defaults.SEED_STORAGE;

	/**
	 * Id of the one seeder that the 'seed' or 'seed-undo' command runs or undoes. Defaults to all pending seeders
	 * ('seed') or the newest one that ran ('seed-undo').
	 */
	private @Nullable String id;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public SeedStorage getStorage() {
		return this.storage;
	}

	public void setStorage(SeedStorage storage) {
		this.storage = storage;
	}

	public @Nullable String getId() {
		return this.id;
	}

	public void setId(@Nullable String id) {
		this.id = id;
	}

}
