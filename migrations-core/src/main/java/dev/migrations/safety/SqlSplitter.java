package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons: never inside strings, dollar quotes, quoted identifiers
 * or comments (the lexer has already consumed those), nor inside parentheses or a {@code BEGIN ATOMIC ... END}
 * function body.
 */
final class SqlSplitter {

	private SqlSplitter() {
	}

	/**
	 * The statements of {@code sql}, empty ones dropped.
	 * @throws SqlSyntaxException when the script cannot be tokenized
	 */
	static List<StatementText> split(String sql) {
		List<Token> tokens = SqlLexer.tokenize(sql);
		List<StatementText> statements = new ArrayList<>();
		int from = 0;
		int parentheses = 0;
		int atomicBlocks = 0;
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.isSymbol("(")) {
				parentheses++;
			}
			else if (token.isSymbol(")")) {
				parentheses = Math.max(0, parentheses - 1);
			}
			else if (token.is("begin") && i + 1 < tokens.size() && tokens.get(i + 1).is("atomic")) {
				atomicBlocks++;
			}
			else if (atomicBlocks > 0 && token.is("case")) {
				atomicBlocks++;
			}
			else if (atomicBlocks > 0 && token.is("end")) {
				atomicBlocks--;
			}
			else if (token.isSymbol(";") && parentheses == 0 && atomicBlocks == 0) {
				add(sql, tokens.subList(from, i), statements);
				from = i + 1;
			}
		}
		add(sql, tokens.subList(from, tokens.size()), statements);
		return statements;
	}

	private static void add(String sql, List<Token> tokens, List<StatementText> statements) {
		if (!tokens.isEmpty()) {
			String text = sql.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
			statements.add(new StatementText(text, List.copyOf(tokens), tokens.get(0).start()));
		}
	}

	/**
	 * One statement of a script.
	 *
	 * @param text the statement's source, without the semicolon and the comments around it
	 * @param tokens its tokens, offsets relative to the script
	 * @param offset where the statement starts in the script
	 */
	record StatementText(String text, List<Token> tokens, int offset) {

		/** The source between two tokens of this statement, inclusive. */
		String source(Token first, Token last) {
			return this.text.substring(first.start() - this.offset, last.end() - this.offset);
		}

	}

}
