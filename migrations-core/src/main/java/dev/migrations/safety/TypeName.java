package dev.migrations.safety;

import java.util.List;
import java.util.Map;

/**
 * A column type as written in DDL, with PostgreSQL's aliases resolved to one name: {@code int4} and {@code int} are
 * {@code integer}, {@code character varying} is {@code varchar}, {@code timestamp with time zone} is
 * {@code timestamptz}, {@code decimal} is {@code numeric}, and so on.
 *
 * @param name the canonical type name, without {@code pg_catalog}; other schemas are kept ({@code app.mood})
 * @param modifiers the type modifiers, {@code (10, 2)} is {@code ["10", "2"]}
 * @param array whether it is an array type
 * @param text the type as written
 */
record TypeName(String name, List<String> modifiers, boolean array, String text) {

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("int", "integer"),
			Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("int2", "smallint"),
			Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"), Map.entry("serial2", "smallserial"),
			Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
			Map.entry("national character varying", "varchar"), Map.entry("national char varying", "varchar"),
			Map.entry("nchar varying", "varchar"), Map.entry("character", "char"), Map.entry("bpchar", "char"),
			Map.entry("national character", "char"), Map.entry("national char", "char"), Map.entry("nchar", "char"),
			Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"), Map.entry("float8", "double precision"),
			Map.entry("float4", "real"), Map.entry("bool", "boolean"),
			Map.entry("timestamp without time zone", "timestamp"),
			Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"),
			Map.entry("time with time zone", "timetz"), Map.entry("bit varying", "varbit"));

	/** The canonical name of a type written as {@code words} (lower case, single spaces). */
	static String canonical(String words, List<String> modifiers) {
		String name = words.startsWith("pg_catalog.") ? words.substring("pg_catalog.".length()) : words;
		if (name.equals("float")) {
			return (modifiers.isEmpty() || parse(modifiers.get(0), 53) > 24) ? "double precision" : "real";
		}
		return ALIASES.getOrDefault(name, name);
	}

	/** A type as rendered by {@code format_type}, e.g. {@code character varying(20)} or {@code numeric(10,2)[]}. */
	static TypeName parse(String text) {
		List<Token> tokens = SqlLexer.tokenize(text);
		return new SqlParser(new SqlSplitter.StatementText(text, tokens, 0)).typeName();
	}

	/** Whether this type is one of the serial pseudo-types. */
	boolean isSerial() {
		return !this.array && (this.name.equals("serial") || this.name.equals("bigserial")
				|| this.name.equals("smallserial"));
	}

	/** The {@code index}th modifier as a number, {@code fallback} when absent or not a number. */
	int modifier(int index, int fallback) {
		return (index < this.modifiers.size()) ? parse(this.modifiers.get(index), fallback) : fallback;
	}

	private static int parse(String number, int fallback) {
		try {
			return Integer.parseInt(number.trim());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	@Override
	public String toString() {
		return this.text;
	}

}
