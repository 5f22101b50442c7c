package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An SQL expression kept as written (the analysis needs the functions it calls and the constants it names, not its
 * meaning).
 *
 * @param text the expression's source
 * @param tokens its tokens
 */
record Expression(String text, List<Token> tokens) {

	/** Key words that are followed by a parenthesis but are not function calls. */
	private static final Set<String> NOT_FUNCTIONS = Set.of("cast", "coalesce", "nullif", "greatest", "least", "array",
			"row", "in", "exists", "any", "all", "some", "values", "and", "or", "not", "case", "when", "then", "else",
			"is", "between", "like", "ilike", "similar", "distinct", "as", "over", "filter", "within", "select", "from",
			"where", "interval", "varchar", "char", "character", "numeric", "decimal", "timestamp", "time", "bit",
			"varying", "float", "precision");

	/** The names of the functions the expression calls, qualified as written ({@code public.f}). */
	List<String> functionCalls() {
		List<String> calls = new ArrayList<>();
		for (int i = 0; i + 1 < this.tokens.size(); i++) {
			Token token = this.tokens.get(i);
			if (token.isName() && this.tokens.get(i + 1).isSymbol("(")
					&& !(token.type() == Token.Type.WORD && NOT_FUNCTIONS.contains(token.value()))) {
				boolean qualified = i >= 2 && this.tokens.get(i - 1).isSymbol(".") && this.tokens.get(i - 2).isName();
				calls.add(qualified ? this.tokens.get(i - 2).value() + "." + token.value() : token.value());
			}
		}
		return calls;
	}

	/** Whether the expression is {@code column IS NOT NULL} (parenthesized or not). */
	boolean isNotNullTestOf(String column) {
		List<Token> core = this.tokens;
		while (core.size() > 2 && core.get(0).isSymbol("(") && core.get(core.size() - 1).isSymbol(")")) {
			core = core.subList(1, core.size() - 1);
		}
		return core.size() == 4 && core.get(0).isName() && core.get(0).value().equals(column) && core.get(1).is("is")
				&& core.get(2).is("not") && core.get(3).is("null");
	}

	/** Whether the expression is the constant {@code NULL}. */
	boolean isNull() {
		return this.tokens.size() == 1 && this.tokens.get(0).is("null");
	}

	@Override
	public String toString() {
		return this.text;
	}

}
