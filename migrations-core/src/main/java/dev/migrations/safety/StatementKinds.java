package dev.migrations.safety;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which statements the checks leave alone on purpose, and which they could not analyse. A statement the parser does
 * not model in detail is either of a kind known to need no check (reads, plain DML, grants, comments, session
 * settings, creating or dropping objects other than tables and indexes, ...) or it is <em>unanalysed</em>: its kind is
 * unknown, it could not be read, or it runs code the checks cannot see (a procedure created elsewhere, a prepared
 * statement). The same holds for the actions of {@code ALTER TABLE}.
 */
final class StatementKinds {

	/** Leading key words of the statements that need no check beyond those the parser models. */
	private static final Set<String> KNOWN = Set.of("select", "values", "table", "insert", "update", "delete", "merge",
			"with", "explain", "show", "set", "reset", "discard", "notify", "listen", "unlisten", "begin", "start",
			"commit", "end", "rollback", "savepoint", "release", "abort", "prepare", "deallocate", "comment", "grant",
			"revoke", "security", "reassign", "analyze", "analyse", "vacuum", "lock", "truncate", "cluster", "reindex",
			"refresh", "copy", "checkpoint", "load", "create", "drop", "alter", "import", "perform");

	/** Leading key words of the {@code ALTER TABLE} actions that neither rewrite nor scan the table. */
	private static final Set<String> KNOWN_ACTIONS = Set.of("owner", "enable", "disable", "force", "no", "replica",
			"cluster", "reset", "of", "not", "inherit");

	/** What may follow {@code ALTER COLUMN c} without a rewrite or a scan (the others are modelled by the parser). */
	private static final Set<String> KNOWN_COLUMN_ACTIONS = Set.of("set statistics", "set storage", "set compression",
			"set (", "reset (", "drop identity", "add generated", "set generated", "restart", "set increment",
			"set start", "set minvalue", "set maxvalue", "set cycle", "set no", "drop expression", "options (");

	private StatementKinds() {
	}

	/** Why a statement the parser left as {@link ParsedStatement.Other} is unanalysed, or {@code null} if it is not. */
	static @Nullable String unanalysed(ParsedStatement.Other other, List<Token> tokens) {
		if (other.reason() != null) {
			return "the checks could not read it (" + other.reason() + ")";
		}
		Token first = tokens.isEmpty() ? null : tokens.get(0);
		if (first == null) {
			return null;
		}
		if (first.is("execute")) {
			return "EXECUTE runs a prepared statement the checks cannot see";
		}
		if (first.type() != Token.Type.WORD || !KNOWN.contains(first.value())) {
			return "the checks do not know what a " + other.kind().toUpperCase(Locale.ROOT) + " statement locks or "
					+ "changes";
		}
		return null;
	}

	/** Why an {@code ALTER TABLE} action the parser left as {@link AlterAction.Other} is unanalysed, or {@code null}. */
	static @Nullable String unanalysed(AlterAction.Other action) {
		List<Token> tokens;
		try {
			tokens = SqlLexer.tokenize(action.text());
		}
		catch (SqlSyntaxException ex) {
			return "the checks could not read the ALTER TABLE action " + Analysis.excerpt(action.text());
		}
		String known = "the checks do not analyse the ALTER TABLE action " + Analysis.excerpt(action.text())
				+ " (it may rewrite or scan the table, or move it out of the application's reach)";
		if (tokens.isEmpty()) {
			return null;
		}
		String first = tokens.get(0).value();
		if (tokens.get(0).type() == Token.Type.WORD && KNOWN_ACTIONS.contains(first)) {
			return null;
		}
		String second = (tokens.size() > 1) ? tokens.get(1).value() : "";
		if (first.equals("set") && (second.equals("(") || second.equals("without"))) {
			return null;
		}
		if (first.equals("detach") && tokens.stream().anyMatch((t) -> t.is("concurrently") || t.is("finalize"))) {
			return null;
		}
		if (first.equals("alter")) {
			if (second.equals("constraint")) {
				return null;
			}
			int at = (tokens.size() > 1 && tokens.get(1).is("column")) ? 3 : 2;
			String words = (at < tokens.size()) ? tokens.get(at).value() : "";
			if (at + 1 < tokens.size()) {
				words += " " + tokens.get(at + 1).value();
			}
			String columnAction = words;
			if (KNOWN_COLUMN_ACTIONS.stream().anyMatch((prefix) -> columnAction.equals(prefix)
					|| (prefix.indexOf(' ') < 0 && columnAction.startsWith(prefix + " ")))) {
				return null;
			}
		}
		return known;
	}

}
