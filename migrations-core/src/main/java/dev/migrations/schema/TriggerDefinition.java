package dev.migrations.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * The definition of {@link QueryInterface#createTrigger}: {@code t -> t.before().onInsert().onUpdate().forEachRow()
 * .execute("set_updated_at")}. The {@code when} condition is SQL the author writes; names are quoted.
 */
public final class TriggerDefinition {

	private String timing = "AFTER";

	private final List<Event> events = new ArrayList<>();

	private boolean forEachRow;

	private @Nullable String when;

	private @Nullable String functionSchema;

	private @Nullable String function;

	TriggerDefinition() {
	}

	/** {@code BEFORE}. */
	public TriggerDefinition before() {
		this.timing = "BEFORE";
		return this;
	}

	/** {@code AFTER} (the default). */
	public TriggerDefinition after() {
		this.timing = "AFTER";
		return this;
	}

	/** {@code INSTEAD OF} (views). */
	public TriggerDefinition insteadOf() {
		this.timing = "INSTEAD OF";
		return this;
	}

	/** {@code INSERT}. */
	public TriggerDefinition onInsert() {
		this.events.add(new Event("INSERT", new String[0]));
		return this;
	}

	/** {@code UPDATE}, or {@code UPDATE OF columns}. */
	public TriggerDefinition onUpdate(String... columns) {
		for (String column : columns) {
			Objects.requireNonNull(column, "column");
		}
		this.events.add(new Event("UPDATE", columns.clone()));
		return this;
	}

	/** {@code DELETE}. */
	public TriggerDefinition onDelete() {
		this.events.add(new Event("DELETE", new String[0]));
		return this;
	}

	/** {@code TRUNCATE}. */
	public TriggerDefinition onTruncate() {
		this.events.add(new Event("TRUNCATE", new String[0]));
		return this;
	}

	/** {@code FOR EACH ROW}; {@code FOR EACH STATEMENT} otherwise. */
	public TriggerDefinition forEachRow() {
		this.forEachRow = true;
		return this;
	}

	/** {@code WHEN (condition)}. */
	public TriggerDefinition when(String condition) {
		this.when = Objects.requireNonNull(condition, "condition");
		return this;
	}

	/** {@code EXECUTE FUNCTION function()}, a function in the migration's schema. */
	public TriggerDefinition execute(String function) {
		this.function = Objects.requireNonNull(function, "function");
		return this;
	}

	/** {@code EXECUTE FUNCTION schema.function()}. */
	public TriggerDefinition execute(TableName function) {
		this.function = function.name();
		this.functionSchema = function.schema();
		return this;
	}

	String toSql(Dialect dialect, @Nullable String schema, String qualifiedTable, String name) {
		if (this.events.isEmpty() || this.function == null) {
			throw new IllegalStateException("Trigger " + name + " needs an event (onInsert, ...) and execute(function)");
		}
		List<String> events = new ArrayList<>();
		for (Event event : this.events) {
			events.add((event.columns().length == 0) ? event.keyword()
					: event.keyword() + " OF " + Names.quoteAll(dialect, event.columns()));
		}
		return "CREATE TRIGGER " + dialect.quote(name) + " " + this.timing + " " + String.join(" OR ", events) + " ON "
				+ qualifiedTable + " FOR EACH " + (this.forEachRow ? "ROW" : "STATEMENT")
				+ ((this.when != null) ? " WHEN (" + this.when + ")" : "") + " EXECUTE FUNCTION "
				+ dialect.qualify((this.functionSchema != null) ? this.functionSchema : schema, this.function) + "()";
	}

	private record Event(String keyword, String[] columns) {
	}

}
