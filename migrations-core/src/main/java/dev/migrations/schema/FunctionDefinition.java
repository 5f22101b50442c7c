package dev.migrations.schema;

import java.util.Objects;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * The definition of {@link QueryInterface#createFunction}: <pre>{@code
 * q.createFunction("set_updated_at", f -> f.returns("trigger").language("plpgsql")
 *     .body("BEGIN NEW.updated_at = now(); RETURN NEW; END"));
 * }</pre> The arguments, the return type and the body are SQL the author writes; the body is dollar-quoted as is.
 */
public final class FunctionDefinition {

	private String arguments = "";

	private @Nullable String returns;

	private String language = "sql";

	private @Nullable String body;

	private @Nullable String volatility;

	private boolean replace;

	FunctionDefinition() {
	}

	/** The argument list without parentheses, e.g. {@code "a integer, b integer"}; none by default. */
	public FunctionDefinition arguments(String arguments) {
		this.arguments = Objects.requireNonNull(arguments, "arguments");
		return this;
	}

	/** {@code RETURNS type}, e.g. {@code "trigger"}, {@code "integer"}, {@code "SETOF orders"}. */
	public FunctionDefinition returns(String type) {
		this.returns = Objects.requireNonNull(type, "type");
		return this;
	}

	/** {@code LANGUAGE name}: {@code sql} (the default) or {@code plpgsql}; quoted as an identifier. */
	public FunctionDefinition language(String language) {
		this.language = Objects.requireNonNull(language, "language");
		return this;
	}

	/** The function's body. */
	public FunctionDefinition body(String body) {
		this.body = Objects.requireNonNull(body, "body");
		return this;
	}

	/** {@code IMMUTABLE}. */
	public FunctionDefinition immutable() {
		this.volatility = "IMMUTABLE";
		return this;
	}

	/** {@code STABLE}. */
	public FunctionDefinition stable() {
		this.volatility = "STABLE";
		return this;
	}

	/** {@code CREATE OR REPLACE}: an operation without a known inverse inside {@code change}. */
	public FunctionDefinition orReplace() {
		this.replace = true;
		return this;
	}

	String arguments() {
		return this.arguments;
	}

	boolean isReplace() {
		return this.replace;
	}

	String toSql(Dialect dialect, String qualifiedName) {
		if (this.returns == null || this.body == null) {
			throw new IllegalStateException("Function " + qualifiedName + " needs returns(type) and body(sql)");
		}
		String tag = "$body$";
		for (int n = 1; this.body.contains(tag); n++) {
			tag = "$body" + n + "$";
		}
		return "CREATE " + (this.replace ? "OR REPLACE " : "") + "FUNCTION " + qualifiedName + "(" + this.arguments
				+ ") RETURNS " + this.returns + " LANGUAGE " + dialect.quote(this.language)
				+ ((this.volatility != null) ? " " + this.volatility : "") + " AS " + tag + this.body + tag;
	}

}
