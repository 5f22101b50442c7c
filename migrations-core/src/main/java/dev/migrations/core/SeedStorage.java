package dev.migrations.core;

/**
 * Where the {@link SeedRunner} records which seeders ran.
 */
public enum SeedStorage {

	/**
	 * In the seed history table ({@code schema_seeds} by default): a seeder runs once per database, unless it
	 * {@linkplain Seeder#runAlways() runs always}. The default.
	 */
	TABLE,

	/**
	 * Nowhere, as Sequelize's default: every {@code seed} runs every seeder again, so all of them must be idempotent.
	 */
	NONE

}
