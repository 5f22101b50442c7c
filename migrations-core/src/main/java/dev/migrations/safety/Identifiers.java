package dev.migrations.safety;

import java.util.Set;
import java.util.regex.Pattern;

/** Renders normalized identifiers back as SQL, quoting only those that need it. */
final class Identifiers {

	private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

	/** PostgreSQL's reserved key words (and the few type-function names) that must be quoted as identifiers. */
	private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
			"asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation", "column",
			"concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
			"current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
			"distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full",
			"grant", "group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
			"lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull",
			"null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
			"returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
			"tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose",
			"when", "where", "window", "with");

	private Identifiers() {
	}

	/** {@code orders} stays {@code orders}; {@code Orders}, {@code user} and {@code a b} are quoted. */
	static String sql(String identifier) {
		if (PLAIN.matcher(identifier).matches() && !RESERVED.contains(identifier)) {
			return identifier;
		}
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/** A string constant. */
	static String literal(String value) {
		return '\'' + value.replace("'", "''") + '\'';
	}

}
