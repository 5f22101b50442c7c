package dev.migrations.autoconfigure.slice;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.schema.QueryInterface;

@MigrationId("20260701090000_create_notes")
public class CreateNotes implements Migration {

	@Override
	public void up(QueryInterface q) {
		q.createTable("notes", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.text("body").notNull();
		});
	}

	@Override
	public void down(QueryInterface q) {
		q.dropTable("notes");
	}

}
