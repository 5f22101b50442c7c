package dev.migrations.safety;

import java.util.List;
import java.util.Set;

import dev.migrations.safety.ParsedStatement.AddEnumValue;
import dev.migrations.safety.ParsedStatement.AlterTable;
import dev.migrations.safety.ParsedStatement.CreateIndex;
import dev.migrations.safety.ParsedStatement.CreateRoutine;
import dev.migrations.safety.ParsedStatement.CreateTable;
import dev.migrations.safety.ParsedStatement.CreateType;
import dev.migrations.safety.ParsedStatement.Delete;
import dev.migrations.safety.ParsedStatement.DropIndex;
import dev.migrations.safety.ParsedStatement.DropTable;
import dev.migrations.safety.ParsedStatement.Insert;
import dev.migrations.safety.ParsedStatement.LockTable;
import dev.migrations.safety.ParsedStatement.Other;
import dev.migrations.safety.ParsedStatement.RenameEnumValue;
import dev.migrations.safety.ParsedStatement.Truncate;
import dev.migrations.safety.ParsedStatement.Update;
import dev.migrations.safety.SqlSplitter.StatementText;

/**
 * Whether a statement is proven to leave the session's settings ({@code lock_timeout}, {@code statement_timeout},
 * ...) as they were, so that the runner need not set them again before the next step. Fail closed: only the kinds of
 * statement the parser reads and knows to change no setting are proven so ({@code CREATE TABLE} without a query,
 * {@code ALTER TABLE}, indexes, types, plain DML, creating a routine, dropping objects, comments, grants); anything
 * else ({@code SET}, {@code RESET}, {@code SELECT}, {@code DO}, {@code CALL}, {@code CREATE TABLE ... AS}, an
 * extension, a statement that cannot be read) and any statement naming {@code set_config} may have changed them.
 *
 * <p>What no parse can see is not covered: a trigger or a function called by a statement that changes a session
 * setting by itself.
 */
public final class SessionSettings {

	/** The leading key word of the statements of {@link Other} kind that change no session setting. */
	private static final Set<String> UNTOUCHING_VERBS = Set.of("drop", "comment", "grant", "revoke");

	/** The two leading key words of the other statements of {@link Other} kind that change no session setting. */
	private static final Set<String> UNTOUCHING_KINDS = Set.of("create schema", "create sequence", "create view",
			"create domain", "alter sequence", "alter index", "alter type", "alter view", "alter schema",
			"alter domain");

	/** Words that put a query or a setting into a statement ({@code CREATE TABLE ... AS SELECT}). */
	private static final Set<String> QUERIES = Set.of("select", "values", "execute", "table");

	private SessionSettings() {
	}

	/**
	 * Whether running {@code sql} (one statement or a script) is proven to change no session setting.
	 * @param sql the statement as it runs
	 * @return {@code false} when it may change one, or could not be read
	 */
	public static boolean untouchedBy(String sql) {
		try {
			for (StatementText statement : SqlSplitter.split(sql)) {
				if (!untouchedBy(statement)) {
					return false;
				}
			}
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static boolean untouchedBy(StatementText statement) {
		return untouchedBy(statement, SqlParser.parse(statement));
	}

	/** Whether one statement, parsed already, is proven to change no session setting. */
	static boolean untouchedBy(StatementText statement, ParsedStatement parsed) {
		for (Token token : statement.tokens()) {
			if (token.is("set_config")) {
				return false;
			}
		}
		if (parsed instanceof CreateTable) {
			// The first two words are CREATE TABLE: any query or TABLE after them makes it a CREATE TABLE ... AS.
			return !names(statement.tokens().subList(Math.min(3, statement.tokens().size()),
					statement.tokens().size()), QUERIES);
		}
		if (parsed instanceof Other other) {
			String kind = other.kind();
			if (kind.equals("create or")) {
				// CREATE OR REPLACE VIEW ... AS SELECT defines the query without running it.
				return names(statement.tokens(), Set.of("view"))
						&& !names(statement.tokens(), Set.of("materialized", "recursive", "trigger", "rule"));
			}
			int space = kind.indexOf(' ');
			return UNTOUCHING_KINDS.contains(kind)
					|| UNTOUCHING_VERBS.contains((space > 0) ? kind.substring(0, space) : kind);
		}
		return parsed instanceof AlterTable || parsed instanceof CreateIndex || parsed instanceof DropIndex
				|| parsed instanceof DropTable || parsed instanceof CreateType || parsed instanceof AddEnumValue
				|| parsed instanceof RenameEnumValue || parsed instanceof CreateRoutine || parsed instanceof Insert
				|| parsed instanceof Update || parsed instanceof Delete || parsed instanceof LockTable
				|| parsed instanceof Truncate;
	}

	private static boolean names(List<Token> tokens, Set<String> words) {
		for (Token token : tokens) {
			if (token.type() == Token.Type.WORD && words.contains(token.value())) {
				return true;
			}
		}
		return false;
	}

}
