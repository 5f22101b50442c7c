package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.migrations.safety.SqlSplitter.StatementText;

/**
 * The statements of a {@code DO} block or of a function or procedure body, as far as they are plain SQL. A
 * {@code LANGUAGE sql} body is a script. A PL/pgSQL body is read statement by statement: block structure
 * ({@code DECLARE}, {@code BEGIN ... END}, {@code IF ... THEN}, loops, {@code EXCEPTION WHEN ... THEN}, labels) is
 * stepped over so that the statements inside are analysed as if they were written outside; variable assignments,
 * {@code RAISE}, {@code RETURN} and the like run no SQL of interest. {@code EXECUTE 'literal'} is read as the SQL in
 * the literal; any other {@code EXECUTE} builds its SQL at run time and stays {@link Opaque opaque}, as does a body
 * in another language or one that cannot be read.
 */
final class RoutineBody {

	/** PL/pgSQL statements that run no SQL the checks look at. */
	private static final Set<String> PLPGSQL_ONLY = Set.of("raise", "return", "null", "exit", "continue", "assert",
			"get", "open", "fetch", "move", "close", "commit", "rollback");

	private final List<Token> tokens;

	private final String body;

	private final List<Part> parts = new ArrayList<>();

	private boolean declaring;

	private RoutineBody(String body, List<Token> tokens) {
		this.body = body;
		this.tokens = tokens;
	}

	/** The parts of a body in {@code language} ({@code plpgsql} or {@code sql}), in order. */
	static List<Part> parts(String language, String body) {
		try {
			if (language.equals("sql")) {
				return SqlSplitter.split(body).stream().<Part>map(Sql::new).toList();
			}
			if (!language.equals("plpgsql")) {
				return List.of(new Opaque(body, "a body in LANGUAGE " + language + " cannot be analysed"));
			}
			RoutineBody reader = new RoutineBody(body, SqlLexer.tokenize(body));
			reader.read();
			return List.copyOf(reader.parts);
		}
		catch (RuntimeException ex) {
			return List.of(new Opaque(body, "the body could not be read: " + ex.getMessage()));
		}
	}

	private void read() {
		int from = 0;
		int depth = 0;
		for (int i = 0; i < this.tokens.size(); i++) {
			Token token = this.tokens.get(i);
			if (token.isSymbol("(")) {
				depth++;
			}
			else if (token.isSymbol(")")) {
				depth = Math.max(0, depth - 1);
			}
			else if (token.isSymbol(";") && depth == 0) {
				segment(from, i);
				from = i + 1;
			}
		}
		segment(from, this.tokens.size());
	}

	/** One PL/pgSQL statement between {@code from} and {@code to} (exclusive), block keywords still in front. */
	private void segment(int from, int to) {
		int start = from;
		boolean stripped = true;
		while (stripped && start < to) {
			stripped = false;
			Token token = this.tokens.get(start);
			if (token.isSymbol("<<") && start + 2 < to && this.tokens.get(start + 2).isSymbol(">>")) {
				start += 3;
				stripped = true;
			}
			else if (token.is("declare")) {
				this.declaring = true;
				start++;
				stripped = true;
			}
			else if (token.is("begin")) {
				this.declaring = false;
				start++;
				stripped = true;
			}
			else if (token.is("end")) {
				return;
			}
			else if (token.is("if") || token.is("elsif") || token.is("elseif") || token.is("when")
					|| token.is("case") || token.is("exception")) {
				// IF ... THEN, EXCEPTION WHEN ... THEN, CASE x WHEN ... THEN: the statement starts after THEN
				int then = find(start + 1, to, "then");
				start = (then < 0) ? start + 1 : then + 1;
				stripped = true;
			}
			else if (token.is("else")) {
				start++;
				stripped = true;
			}
			else if (token.is("loop")) {
				start++;
				stripped = true;
			}
			else if (token.is("while") || token.is("for") || token.is("foreach")) {
				int loop = find(start + 1, to, "loop");
				if (loop < 0) {
					this.parts.add(new Opaque(text(start, to), "a loop the checks cannot follow"));
					return;
				}
				start = loop + 1;
				stripped = true;
			}
		}
		if (start >= to || this.declaring) {
			return;
		}
		Token first = this.tokens.get(start);
		if (first.type() == Token.Type.WORD && PLPGSQL_ONLY.contains(first.value())) {
			return;
		}
		if (isAssignment(start, to)) {
			return;
		}
		if (first.is("execute")) {
			execute(start, to);
			return;
		}
		this.parts.add(new Sql(statement(start, to)));
	}

	/** {@code EXECUTE 'literal' [INTO ...] [USING ...]} is analysed; any other EXECUTE is dynamic SQL. */
	private void execute(int start, int to) {
		Token sql = (start + 1 < to) ? this.tokens.get(start + 1) : null;
		boolean literal = sql != null && sql.type() == Token.Type.STRING
				&& (start + 2 == to || this.tokens.get(start + 2).is("into") || this.tokens.get(start + 2).is("using"));
		if (!literal) {
			this.parts.add(new Opaque(text(start, to),
					"EXECUTE of SQL built at run time (from variables, format() or concatenation): the checks cannot "
							+ "see what it runs"));
			return;
		}
		try {
			SqlSplitter.split(sql.value()).forEach((statement) -> this.parts.add(new Sql(statement)));
		}
		catch (RuntimeException ex) {
			this.parts.add(new Opaque(text(start, to), "the EXECUTEd string could not be read: " + ex.getMessage()));
		}
	}

	private boolean isAssignment(int start, int to) {
		int i = start + 1;
		while (i + 1 < to && (this.tokens.get(i).isSymbol(".") || this.tokens.get(i).isSymbol("["))) {
			if (this.tokens.get(i).isSymbol("[")) {
				while (i < to && !this.tokens.get(i).isSymbol("]")) {
					i++;
				}
				i++;
			}
			else {
				i += 2;
			}
		}
		return i < to && this.tokens.get(start).isName()
				&& (this.tokens.get(i).isSymbol(":=") || this.tokens.get(i).isSymbol("="));
	}

	/** The first top-level {@code word} (not inside parentheses or a CASE expression), or -1. */
	private int find(int from, int to, String word) {
		int depth = 0;
		int cases = 0;
		for (int i = from; i < to; i++) {
			Token token = this.tokens.get(i);
			if (token.isSymbol("(")) {
				depth++;
			}
			else if (token.isSymbol(")")) {
				depth--;
			}
			else if (depth == 0 && token.is("case")) {
				cases++;
			}
			else if (depth == 0 && cases > 0 && token.is("end")) {
				cases--;
			}
			else if (depth == 0 && cases == 0 && token.is(word)) {
				return i;
			}
		}
		return -1;
	}

	private String text(int from, int to) {
		return this.body.substring(this.tokens.get(from).start(), this.tokens.get(to - 1).end());
	}

	private StatementText statement(int from, int to) {
		List<Token> statementTokens = List.copyOf(this.tokens.subList(from, to));
		return new StatementText(text(from, to), statementTokens, this.tokens.get(from).start());
	}

	/** What a body holds, in order. */
	sealed interface Part {

		String text();

	}

	/** A plain SQL statement of the body. */
	record Sql(StatementText statement) implements Part {

		@Override
		public String text() {
			return this.statement.text();
		}

	}

	/** Something in the body the checks cannot see through. */
	record Opaque(String text, String reason) implements Part {
	}

}
