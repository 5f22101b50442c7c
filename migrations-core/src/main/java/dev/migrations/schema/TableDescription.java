package dev.migrations.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table as {@link QueryInterface#describeTable} reads it from the catalog.
 *
 * @param schema the table's schema
 * @param name the table's name
 * @param columns the columns in table order
 */
public record TableDescription(String schema, String name, List<ColumnDescription> columns) {

	public TableDescription {
		columns = List.copyOf(columns);
	}

	/** The column with the name, if the table has one. */
	public Optional<ColumnDescription> column(String name) {
		return this.columns.stream().filter((column) -> column.name().equals(name)).findFirst();
	}

	/** The primary key's columns in table order; empty without a primary key. */
	public List<String> primaryKey() {
		return this.columns.stream().filter(ColumnDescription::primaryKey).map(ColumnDescription::name).toList();
	}

}
