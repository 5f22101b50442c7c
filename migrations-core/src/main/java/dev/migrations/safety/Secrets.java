package dev.migrations.safety;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Redacts secrets in SQL text before it is recorded, shown or logged. It reads the SQL with the PostgreSQL lexer, so
 * quoting ({@code ''}, {@code E'\''}, dollar quotes with tags) and comments cannot hide a secret from it or make it cut
 * the wrong text:
 * <ul>
 * <li>the string after a secret-named key word or option, with or without {@code =}:
 * {@code CREATE/ALTER ROLE|USER ... [ENCRYPTED] PASSWORD '...'}, {@code OPTIONS (user 'u', password '...')} of
 * {@code CREATE/ALTER USER MAPPING} and {@code CREATE/ALTER SERVER}, any name containing {@code password},
 * {@code passwd} or {@code secret} (and {@code pwd}); the string becomes {@code '***'};</li>
 * <li>inside every string constant: {@code password=...} (and {@code sslpassword=...}) of a libpq connection string,
 * as in {@code CREATE SUBSCRIPTION ... CONNECTION '...'}, {@code dblink_connect('...')} or {@code dblink('...', ...)},
 * becomes {@code password=***}, and the password of a URI ({@code postgresql://user:secret@host}) becomes
 * {@code ***};</li>
 * <li>inside a string constant that is itself SQL (a {@code DO} body, a function body, {@code EXECUTE '...'},
 * {@code dblink_exec(..., '...')}): the same, recursively.</li>
 * </ul>
 * It never throws: text the lexer cannot read has the contents of all its string constants replaced by {@code ***}.
 * Not redacted: secrets in comments, and secrets that only exist at run time (a variable, a {@code format()}
 * argument, a bound parameter's value, which is not part of the SQL text).
 */
public final class Secrets {

	/** What a secret is replaced with. */
	public static final String MASK = "***";

	private static final int MAX_DEPTH = 4;

	private static final Pattern CONNINFO_PASSWORD = Pattern
		.compile("(?i)(?<![\\w.])((?:ssl)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&;]*)");

	private static final Pattern URI_PASSWORD = Pattern
		.compile("(?i)([a-z][a-z0-9+.-]*://[^\\s:/?#@'\"]*:)([^\\s@/'\"]*)(@)");

	private static final Pattern SECRET_WORD = Pattern
		.compile("(?i)(?<![a-z])(?:ssl)?(?:password|passwd|pwd)(?![a-z])|(?<![a-z])secret(?![a-z])");

	private Secrets() {
	}

	/**
	 * The SQL with its secrets replaced by {@link #MASK}; the rest (layout, comments, other values) unchanged.
	 * @param sql SQL text: one statement or a script
	 * @return the redacted text ({@code null} for {@code null})
	 */
	public static @Nullable String redactNullable(@Nullable String sql) {
		return (sql != null) ? redact(sql) : null;
	}

	/**
	 * The SQL with its secrets replaced by {@link #MASK}; the rest (layout, comments, other values) unchanged.
	 * @param sql SQL text: one statement or a script
	 * @return the redacted text
	 */
	public static String redact(String sql) {
		// Secrets live in string literals: without a quote or a dollar sign there is none (most statements).
		if (sql.indexOf('\'') < 0 && sql.indexOf('$') < 0) {
			return sql;
		}
		try {
			return redact(sql, 0);
		}
		catch (RuntimeException ex) {
			return redactAllStrings(sql);
		}
	}

	private static String redact(String sql, int depth) {
		List<Token> tokens;
		try {
			tokens = SqlLexer.tokenize(sql);
		}
		catch (RuntimeException ex) {
			return redactAllStrings(sql);
		}
		StringBuilder out = new StringBuilder(sql.length());
		int copied = 0;
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.type() != Token.Type.STRING) {
				continue;
			}
			String replacement = null;
			if (isSecretValue(tokens, i)) {
				replacement = "'" + MASK + "'";
			}
			else {
				String redacted = redactValue(token.value(), depth);
				if (!redacted.equals(token.value())) {
					replacement = requote(sql.substring(token.start(), token.end()), redacted);
				}
			}
			if (replacement != null) {
				out.append(sql, copied, token.start()).append(replacement);
				copied = token.end();
			}
		}
		return out.append(sql, copied, sql.length()).toString();
	}

	/** Whether the string at {@code i} follows a secret's name: {@code PASSWORD 'x'}, {@code password = 'x'}. */
	private static boolean isSecretValue(List<Token> tokens, int i) {
		int name = i - 1;
		if (name >= 0 && (tokens.get(name).isSymbol("=") || tokens.get(name).isSymbol(":=")
				|| tokens.get(name).isSymbol("=>") || tokens.get(name).isSymbol(","))) {
			boolean comma = tokens.get(name).isSymbol(",");
			name--;
			if (comma) {
				// a key/value list: 'password', 'x' (json_build_object, set_config)
				return name >= 0 && tokens.get(name).type() == Token.Type.STRING
						&& tokens.get(name).value().matches("[\\w.-]+") && isSecretName(tokens.get(name).value());
			}
		}
		return name >= 0 && (tokens.get(name).isName() || tokens.get(name).type() == Token.Type.STRING)
				&& isSecretName(tokens.get(name).value());
	}

	private static boolean isSecretName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		int dot = lower.lastIndexOf('.');
		String last = (dot >= 0) ? lower.substring(dot + 1) : lower;
		return last.contains("password") || last.contains("passwd") || last.contains("secret") || last.equals("pwd");
	}

	/** A string constant's value with the secrets in it redacted: connection strings, and SQL inside it. */
	private static String redactValue(String value, int depth) {
		String redacted = CONNINFO_PASSWORD.matcher(value)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1)
					+ (match.group(2).startsWith("'") ? "'" + MASK + "'" : MASK)));
		redacted = URI_PASSWORD.matcher(redacted)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + MASK + "@"));
		if (depth < MAX_DEPTH && SECRET_WORD.matcher(redacted).find()) {
			redacted = redactNested(redacted, depth + 1);
		}
		return redacted;
	}

	/**
	 * A string that may be SQL (a body, an EXECUTEd string): redacted as SQL when the lexer reads it; otherwise
	 * everything after the first secret-named word is cut, since a quote cannot be told from a password there.
	 */
	private static String redactNested(String value, int depth) {
		try {
			SqlLexer.tokenize(value);
		}
		catch (RuntimeException ex) {
			Matcher word = SECRET_WORD.matcher(value);
			return word.find() ? value.substring(0, word.end()) + " " + MASK : value;
		}
		return redact(value, depth);
	}

	/** The constant rewritten with a new value, in its own dollar quotes if it had them, else as {@code '...'}. */
	private static String requote(String source, String value) {
		if (source.startsWith("$")) {
			String delimiter = source.substring(0, source.indexOf('$', 1) + 1);
			if (!value.contains(delimiter) && !value.endsWith("$")) {
				return delimiter + value + delimiter;
			}
		}
		return "'" + value.replace("'", "''") + "'";
	}

	/** For text the lexer cannot read: the contents of every quoted or dollar-quoted string become {@code ***}. */
	static String redactAllStrings(String sql) {
		StringBuilder out = new StringBuilder(sql.length());
		int i = 0;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (c == '\'') {
				int close = closingQuote(sql, i + 1);
				out.append('\'').append(MASK).append('\'');
				i = (close < 0) ? sql.length() : close + 1;
			}
			else if (c == '$' && dollarDelimiter(sql, i) != null) {
				String delimiter = dollarDelimiter(sql, i);
				int close = sql.indexOf(delimiter, i + delimiter.length());
				out.append(delimiter).append(MASK).append(delimiter);
				i = (close < 0) ? sql.length() : close + delimiter.length();
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	/** The closing quote from {@code from}: {@code ''} and {@code \'} do not close (over-redacting is safe), or -1. */
	private static int closingQuote(String sql, int from) {
		for (int i = from; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '\'') {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
					i++;
				}
				else {
					return i;
				}
			}
		}
		return -1;
	}

	private static @Nullable String dollarDelimiter(String sql, int at) {
		int i = at + 1;
		while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
			i++;
		}
		if (i < sql.length() && sql.charAt(i) == '$' && (i == at + 1 || !Character.isDigit(sql.charAt(at + 1)))) {
			return sql.substring(at, i + 1);
		}
		return null;
	}

}
