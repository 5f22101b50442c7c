package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.safety.Token.Type;

/**
 * Splits PostgreSQL SQL into {@link Token tokens} following the rules of the PostgreSQL manual's "Lexical Structure"
 * chapter, with {@code standard_conforming_strings} on (the default since PostgreSQL 9.1):
 * <ul>
 * <li>keywords and unquoted identifiers, folded to lower case (ASCII letters only, as PostgreSQL does for multi-byte
 * encodings); they may contain letters of any alphabet, digits, {@code _} and {@code $};</li>
 * <li>quoted identifiers {@code "a""b"} and Unicode-escaped ones {@code U&"d\0061t\+000061"} with an optional
 * {@code UESCAPE 'c'};</li>
 * <li>string constants {@code 'it''s'}, escape strings {@code E'a\n'}, Unicode strings {@code U&'\0041'}, national
 * strings {@code N'a'}, bit strings {@code B'101'} and {@code X'1F'}, dollar-quoted strings {@code $$a$$} and
 * {@code $tag$a$tag$}, and constants split over lines ({@code 'a'}, newline, {@code 'b'});</li>
 * <li>{@code --} comments and nested {@code /* *}{@code /} comments, which are dropped;</li>
 * <li>numbers (with exponent, hexadecimal, octal, binary and {@code _} separators), positional parameters
 * {@code $1}, JDBC parameters {@code ?}, operators (a {@code ?} alone is a JDBC parameter, {@code ??} the operator
 * {@code ?}) and punctuation.</li>
 * </ul>
 */
final class SqlLexer {

	private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

	private static final String NON_ARITHMETIC_OPERATOR_CHARS = "~!@#%^&|`?";

	private final String sql;

	private int position;

	private SqlLexer(String sql) {
		this.sql = sql;
	}

	/**
	 * The tokens of {@code sql}, comments and whitespace dropped.
	 * @throws SqlSyntaxException on an unterminated string, identifier, dollar quote or comment
	 */
	static List<Token> tokenize(String sql) {
		return new SqlLexer(sql).run();
	}

	private List<Token> run() {
		List<Token> tokens = new ArrayList<>();
		while (skipWhitespaceAndComments()) {
			tokens.add(next());
		}
		return tokens;
	}

	/** Skips to the next token; {@code false} at the end of the input. */
	private boolean skipWhitespaceAndComments() {
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position);
			if (Character.isWhitespace(c)) {
				this.position++;
			}
			else if (c == '-' && peek(1) == '-') {
				int newline = this.sql.indexOf('\n', this.position);
				this.position = (newline < 0) ? this.sql.length() : newline + 1;
			}
			else if (c == '/' && peek(1) == '*') {
				skipBlockComment();
			}
			else {
				return true;
			}
		}
		return false;
	}

	private void skipBlockComment() {
		int start = this.position;
		int depth = 0;
		while (this.position < this.sql.length()) {
			if (this.sql.startsWith("/*", this.position)) {
				depth++;
				this.position += 2;
			}
			else if (this.sql.startsWith("*/", this.position)) {
				depth--;
				this.position += 2;
				if (depth == 0) {
					return;
				}
			}
			else {
				this.position++;
			}
		}
		throw new SqlSyntaxException("Unterminated /* comment", start);
	}

	private Token next() {
		int start = this.position;
		char c = this.sql.charAt(start);
		char next = peek(1);
		if ((c == 'u' || c == 'U') && next == '&' && (peek(2) == '\'' || peek(2) == '"')) {
			this.position += 2;
			return (peek(0) == '\'') ? unicodeString(start) : unicodeIdentifier(start);
		}
		if ((c == 'e' || c == 'E') && next == '\'') {
			this.position++;
			return escapeString(start);
		}
		if ((c == 'n' || c == 'N') && next == '\'') {
			this.position++;
			return new Token(Type.STRING, quoted('\'', start), start, this.position);
		}
		if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && next == '\'') {
			this.position++;
			return new Token(Type.BIT_STRING, quoted('\'', start), start, this.position);
		}
		if (isIdentifierStart(c)) {
			return word(start);
		}
		if (c == '"') {
			String value = quotedRun('"', start);
			return new Token(Type.QUOTED_IDENTIFIER, value, start, this.position);
		}
		if (c == '`') {
			// MariaDB and MySQL quote identifiers with backquotes; PostgreSQL has no use for them.
			String value = quotedRun('`', start);
			return new Token(Type.QUOTED_IDENTIFIER, value, start, this.position);
		}
		if (c == '\'') {
			return new Token(Type.STRING, quoted('\'', start), start, this.position);
		}
		if (c == '$') {
			return dollar(start);
		}
		if (isDigit(c) || (c == '.' && isDigit(next))) {
			return number(start);
		}
		if (c == ':' && next == ':') {
			this.position += 2;
			return new Token(Type.OPERATOR, "::", start, this.position);
		}
		if (c == ':' && next == '=') {
			this.position += 2;
			return new Token(Type.OPERATOR, ":=", start, this.position);
		}
		if ("()[],;.:".indexOf(c) >= 0) {
			this.position++;
			return new Token(Type.SYMBOL, String.valueOf(c), start, this.position);
		}
		if (OPERATOR_CHARS.indexOf(c) >= 0) {
			return operator(start);
		}
		// Anything else (a stray backslash, a control character): one symbol, never a failure
		this.position += Character.charCount(this.sql.codePointAt(start));
		return new Token(Type.SYMBOL, this.sql.substring(start, this.position), start, this.position);
	}

	private Token word(int start) {
		while (this.position < this.sql.length() && isIdentifierPart(this.sql.charAt(this.position))) {
			this.position++;
		}
		return new Token(Type.WORD, foldCase(this.sql.substring(start, this.position)), start, this.position);
	}

	/** PostgreSQL folds unquoted names by lowering ASCII letters only (for multi-byte encodings such as UTF8). */
	static String foldCase(String word) {
		// Every statement of a run is lexed (in the review, and again as it runs when it is not the one the review
		// saw): a word in lower case already is returned as it is, without a copy.
		int first = 0;
		while (first < word.length() && !isAsciiUpper(word.charAt(first))) {
			first++;
		}
		if (first == word.length()) {
			return word;
		}
		char[] folded = word.toCharArray();
		for (int i = first; i < folded.length; i++) {
			if (isAsciiUpper(folded[i])) {
				folded[i] = (char) (folded[i] + ('a' - 'A'));
			}
		}
		return new String(folded);
	}

	private static boolean isAsciiUpper(char c) {
		return c >= 'A' && c <= 'Z';
	}

	/** A constant quoted with {@code quote}, doubled quotes inside, continued over lines. */
	private String quoted(char quote, int start) {
		StringBuilder value = new StringBuilder(quotedRun(quote, start));
		while (quote == '\'' && continuesOnNextLine()) {
			value.append(quotedRun('\'', start));
		}
		return value.toString();
	}

	/** One run between {@code quote}s starting at the current position, doubled quotes undoubled. */
	private String quotedRun(char quote, int start) {
		StringBuilder value = new StringBuilder();
		int i = this.position + 1;
		while (i < this.sql.length()) {
			char c = this.sql.charAt(i);
			if (c == quote) {
				if (i + 1 < this.sql.length() && this.sql.charAt(i + 1) == quote) {
					value.append(quote);
					i += 2;
					continue;
				}
				this.position = i + 1;
				return value.toString();
			}
			value.append(c);
			i++;
		}
		throw new SqlSyntaxException(
				(quote == '"') ? "Unterminated quoted identifier" : "Unterminated quoted string", start);
	}

	/** Two constants separated only by whitespace with at least one newline are one constant. */
	private boolean continuesOnNextLine() {
		int i = this.position;
		boolean newline = false;
		while (i < this.sql.length() && Character.isWhitespace(this.sql.charAt(i))) {
			newline |= this.sql.charAt(i) == '\n' || this.sql.charAt(i) == '\r';
			i++;
		}
		if (newline && i < this.sql.length() && this.sql.charAt(i) == '\'') {
			this.position = i;
			return true;
		}
		return false;
	}

	private Token escapeString(int start) {
		StringBuilder value = new StringBuilder();
		do {
			int i = this.position + 1;
			boolean closed = false;
			while (i < this.sql.length()) {
				char c = this.sql.charAt(i);
				if (c == '\'') {
					if (i + 1 < this.sql.length() && this.sql.charAt(i + 1) == '\'') {
						value.append('\'');
						i += 2;
						continue;
					}
					i++;
					closed = true;
					break;
				}
				if (c == '\\' && i + 1 < this.sql.length()) {
					i = unescape(i + 1, value);
					continue;
				}
				value.append(c);
				i++;
			}
			if (!closed) {
				throw new SqlSyntaxException("Unterminated escape string E'...'", start);
			}
			this.position = i;
		}
		while (continuesOnNextLine());
		return new Token(Type.STRING, value.toString(), start, this.position);
	}

	/** Resolves the backslash escape whose letter is at {@code i}; returns the offset after it. */
	private int unescape(int i, StringBuilder value) {
		char c = this.sql.charAt(i);
		switch (c) {
			case 'b' -> value.append('\b');
			case 'f' -> value.append('\f');
			case 'n' -> value.append('\n');
			case 'r' -> value.append('\r');
			case 't' -> value.append('\t');
			case 'x' -> {
				int end = digitsEnd(i + 1, 2, 16);
				if (end == i + 1) {
					value.append('x');
					return i + 1;
				}
				value.appendCodePoint(Integer.parseInt(this.sql.substring(i + 1, end), 16));
				return end;
			}
			case 'u', 'U' -> {
				int length = (c == 'u') ? 4 : 8;
				int end = digitsEnd(i + 1, length, 16);
				if (end - (i + 1) != length) {
					throw new SqlSyntaxException("Invalid Unicode escape \\" + c, i);
				}
				value.appendCodePoint(Integer.parseInt(this.sql.substring(i + 1, end), 16));
				return end;
			}
			default -> {
				if (c >= '0' && c <= '7') {
					int end = digitsEnd(i, 3, 8);
					value.appendCodePoint(Integer.parseInt(this.sql.substring(i, end), 8));
					return end;
				}
				value.append(c);
			}
		}
		return i + 1;
	}

	private int digitsEnd(int from, int max, int radix) {
		int i = from;
		while (i < this.sql.length() && i - from < max && Character.digit(this.sql.charAt(i), radix) >= 0) {
			i++;
		}
		return i;
	}

	private Token unicodeString(int start) {
		String raw = quoted('\'', start);
		return new Token(Type.STRING, decodeUnicode(raw, uescape(), start), start, this.position);
	}

	private Token unicodeIdentifier(int start) {
		String raw = quotedRun('"', start);
		return new Token(Type.QUOTED_IDENTIFIER, decodeUnicode(raw, uescape(), start), start, this.position);
	}

	/** The escape character of an optional {@code UESCAPE 'c'} clause after a Unicode constant. */
	private char uescape() {
		int saved = this.position;
		if (skipWhitespaceAndComments() && this.sql.regionMatches(true, this.position, "uescape", 0, 7)
				&& (this.position + 7 >= this.sql.length() || !isIdentifierPart(this.sql.charAt(this.position + 7)))) {
			this.position += 7;
			if (skipWhitespaceAndComments() && peek(0) == '\'' && peek(2) == '\'') {
				char escape = peek(1);
				this.position += 3;
				return escape;
			}
			throw new SqlSyntaxException("UESCAPE needs a single-character string", saved);
		}
		this.position = saved;
		return '\\';
	}

	private static String decodeUnicode(String raw, char escape, int start) {
		StringBuilder value = new StringBuilder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c != escape) {
				value.append(c);
			}
			else if (i + 1 < raw.length() && raw.charAt(i + 1) == escape) {
				value.append(escape);
				i++;
			}
			else if (i + 1 < raw.length() && raw.charAt(i + 1) == '+' && i + 8 <= raw.length()) {
				value.appendCodePoint(Integer.parseInt(raw.substring(i + 2, i + 8), 16));
				i += 7;
			}
			else if (i + 5 <= raw.length()) {
				value.appendCodePoint(Integer.parseInt(raw.substring(i + 1, i + 5), 16));
				i += 4;
			}
			else {
				throw new SqlSyntaxException("Invalid Unicode escape in U& constant", start);
			}
		}
		return value.toString();
	}

	private Token dollar(int start) {
		if (isDigit(peek(1))) {
			this.position++;
			while (isDigit(peek(0))) {
				this.position++;
			}
			return new Token(Type.PARAMETER, this.sql.substring(start, this.position), start, this.position);
		}
		int i = start + 1;
		if (i < this.sql.length() && isIdentifierStart(this.sql.charAt(i))) {
			i++;
			while (i < this.sql.length() && isIdentifierPart(this.sql.charAt(i)) && this.sql.charAt(i) != '$') {
				i++;
			}
		}
		if (i < this.sql.length() && this.sql.charAt(i) == '$') {
			String delimiter = this.sql.substring(start, i + 1);
			int close = this.sql.indexOf(delimiter, i + 1);
			if (close < 0) {
				throw new SqlSyntaxException("Unterminated dollar-quoted string " + delimiter, start);
			}
			this.position = close + delimiter.length();
			return new Token(Type.STRING, this.sql.substring(i + 1, close), start, this.position);
		}
		this.position++;
		return new Token(Type.SYMBOL, "$", start, this.position);
	}

	private Token number(int start) {
		int i = start;
		if (this.sql.charAt(i) == '0' && "xXoObB".indexOf(peek(1)) >= 0 && Character.isLetterOrDigit(peek(2))) {
			i += 2;
			while (i < this.sql.length() && (Character.isLetterOrDigit(this.sql.charAt(i)) || this.sql.charAt(i) == '_')) {
				i++;
			}
		}
		else {
			i = digits(i);
			if (i < this.sql.length() && this.sql.charAt(i) == '.' && !(i + 1 < this.sql.length()
					&& this.sql.charAt(i + 1) == '.')) {
				i = digits(i + 1);
			}
			if (i < this.sql.length() && (this.sql.charAt(i) == 'e' || this.sql.charAt(i) == 'E')) {
				int exponent = i + 1;
				if (exponent < this.sql.length() && (this.sql.charAt(exponent) == '+' || this.sql.charAt(exponent) == '-')) {
					exponent++;
				}
				if (exponent < this.sql.length() && isDigit(this.sql.charAt(exponent))) {
					i = digits(exponent);
				}
			}
		}
		this.position = i;
		return new Token(Type.NUMBER, this.sql.substring(start, i), start, i);
	}

	private int digits(int from) {
		int i = from;
		while (i < this.sql.length() && (isDigit(this.sql.charAt(i))
				|| (this.sql.charAt(i) == '_' && i + 1 < this.sql.length() && isDigit(this.sql.charAt(i + 1))))) {
			i++;
		}
		return i;
	}

	private Token operator(int start) {
		int end = start;
		while (end < this.sql.length() && OPERATOR_CHARS.indexOf(this.sql.charAt(end)) >= 0) {
			if (end > start && (this.sql.startsWith("--", end) || this.sql.startsWith("/*", end))) {
				break;
			}
			end++;
		}
		// A multi-character operator ends in + or - only if it has one of ~ ! @ # % ^ & | ` ?
		while (end - start > 1 && "+-".indexOf(this.sql.charAt(end - 1)) >= 0
				&& !containsAny(this.sql.substring(start, end), NON_ARITHMETIC_OPERATOR_CHARS)) {
			end--;
		}
		this.position = end;
		String text = this.sql.substring(start, end);
		if (text.equals("?")) {
			return new Token(Type.PARAMETER, "?", start, end);
		}
		return new Token(Type.OPERATOR, text.equals("??") ? "?" : text, start, end);
	}

	private static boolean containsAny(String text, String chars) {
		for (int i = 0; i < text.length(); i++) {
			if (chars.indexOf(text.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

	private char peek(int ahead) {
		int i = this.position + ahead;
		return (i < this.sql.length()) ? this.sql.charAt(i) : '\0';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
	}

	private static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c) || c == '$';
	}

}
