package dev.migrations.core;

import org.jspecify.annotations.Nullable;

/**
 * What the seed commands share: the run's config, the code's seeders, the seed history table and its storage, and
 * the migrations when the seed runner knows them (to refuse seeding a schema with pending migrations).
 */
record SeedSettings(RunConfig config, SeederCatalog catalog, String table, SeedStorage storage,
		@Nullable MigrationSettings migrations) {

	/** The seed history on the session: the table, or nothing with storage none. */
	History history(Session session) {
		String schema = (this.config.schema() != null) ? this.config.schema() : session.schema();
		return (this.storage == SeedStorage.TABLE) ? new HistoryStore(session.dialect(), schema, this.table)
				: History.none(schema, this.table);
	}

}
