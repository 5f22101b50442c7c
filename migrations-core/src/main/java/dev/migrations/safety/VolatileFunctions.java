package dev.migrations.safety;

import java.util.Locale;
import java.util.Set;

/**
 * Which functions a column default may call without the table being rewritten. PostgreSQL 11+ adds a column with a
 * non-volatile default without a rewrite (it evaluates the default once and stores it in the catalog); a volatile
 * default is evaluated for each existing row. Functions are {@code VOLATILE} unless declared otherwise, so a function
 * in neither list is treated as volatile.
 */
final class VolatileFunctions {

	/** Built-in and common extension functions that are volatile. */
	private static final Set<String> VOLATILE = Set.of("random", "random_normal", "setseed", "gen_random_uuid",
			"gen_random_bytes", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7",
			"clock_timestamp", "timeofday", "nextval", "currval", "lastval", "setval", "pg_sleep", "txid_current_if_assigned",
			"dblink");

	/** Built-in functions that are stable or immutable: a default calling them is evaluated once. */
	private static final Set<String> NON_VOLATILE = Set.of("now", "transaction_timestamp", "statement_timestamp",
			"current_setting", "txid_current", "pg_current_xact_id", "lower", "upper", "length", "char_length", "concat",
			"concat_ws", "format", "replace", "trim", "btrim", "ltrim", "rtrim", "substr", "substring", "left", "right",
			"lpad", "rpad", "md5", "abs", "round", "floor", "ceil", "ceiling", "trunc", "mod", "power", "sqrt",
			"date_trunc", "date_part", "extract", "make_date", "make_time", "make_timestamp", "make_timestamptz",
			"make_interval", "to_char", "to_date", "to_timestamp", "to_number", "to_json", "to_jsonb", "json_build_object",
			"jsonb_build_object", "json_build_array", "jsonb_build_array", "array_fill", "uuid_nil", "uuid_generate_v3",
			"uuid_generate_v5", "int4", "int8", "text", "numeric", "timezone");

	private VolatileFunctions() {
	}

	/** Whether a call of the function (possibly schema-qualified) is known to be volatile. */
	static boolean isVolatile(String function) {
		return VOLATILE.contains(unqualified(function));
	}

	/** Whether a call of the function is known not to be volatile. */
	static boolean isKnownNonVolatile(String function) {
		return NON_VOLATILE.contains(unqualified(function));
	}

	private static String unqualified(String function) {
		int dot = function.lastIndexOf('.');
		return ((dot >= 0) ? function.substring(dot + 1) : function).toLowerCase(Locale.ROOT);
	}

}
