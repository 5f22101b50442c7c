package dev.migrations.safety;

/**
 * One lexical token of PostgreSQL SQL.
 *
 * @param type what kind of token it is
 * @param value the token's value: a keyword or unquoted identifier folded to lower case as PostgreSQL folds it, a
 * quoted identifier or a string constant with its quotes removed and its escapes resolved, otherwise the source text
 * @param start the offset of the token's first character in the source
 * @param end the offset after the token's last character in the source
 */
record Token(Type type, String value, int start, int end) {

	/** Whether this is the keyword or unquoted identifier {@code word} (given in lower case). */
	boolean is(String word) {
		return this.type == Type.WORD && this.value.equals(word);
	}

	/** Whether this is the punctuation or operator {@code symbol}. */
	boolean isSymbol(String symbol) {
		return (this.type == Type.SYMBOL || this.type == Type.OPERATOR) && this.value.equals(symbol);
	}

	/** Whether this token names something: an unquoted word or a quoted identifier. */
	boolean isName() {
		return this.type == Type.WORD || this.type == Type.QUOTED_IDENTIFIER;
	}

	enum Type {

		/** A keyword or an unquoted identifier, folded to lower case. */
		WORD,

		/** A {@code "quoted"} or {@code U&"quoted"} identifier, case preserved. */
		QUOTED_IDENTIFIER,

		/** A string constant in any of its forms: {@code 'a'}, {@code E'a'}, {@code $$a$$}, {@code U&'a'}. */
		STRING,

		/** A bit-string constant: {@code B'1010'} or {@code X'1F'}. */
		BIT_STRING,

		/** A numeric constant. */
		NUMBER,

		/** A positional ({@code $1}) or JDBC ({@code ?}) parameter. */
		PARAMETER,

		/** An operator such as {@code =}, {@code <>}, {@code ::} or {@code ->>}. */
		OPERATOR,

		/** Punctuation: {@code ( ) [ ] , ; . :}. */
		SYMBOL

	}

}
