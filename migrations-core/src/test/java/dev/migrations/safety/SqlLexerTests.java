package dev.migrations.safety;

import java.util.List;

import dev.migrations.safety.Token.Type;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlLexerTests {

	@Test
	void unquotedNamesAreFoldedToLowerCaseAndQuotedOnesKept() {
		List<Token> tokens = SqlLexer.tokenize("SELECT Foo, \"Foo\", \"a\"\"b\", \"semi;colon\" FROM \"Ünïcödé\"");
		assertThat(values(tokens)).containsExactly("select", "foo", ",", "Foo", ",", "a\"b", ",", "semi;colon", "from",
				"Ünïcödé");
		assertThat(tokens.get(3).type()).isEqualTo(Type.QUOTED_IDENTIFIER);
	}

	@Test
	void onlyAsciiLettersAreFolded() {
		assertThat(SqlLexer.tokenize("ÉTÉ_Col").get(0).value()).isEqualTo("ÉtÉ_col");
	}

	@Test
	void identifiersMayContainDollarSigns() {
		assertThat(values(SqlLexer.tokenize("a$b $1"))).containsExactly("a$b", "$1");
		assertThat(SqlLexer.tokenize("$1").get(0).type()).isEqualTo(Type.PARAMETER);
	}

	@Test
	void stringsWithDoubledQuotesAndSemicolons() {
		List<Token> tokens = SqlLexer.tokenize("'it''s; fine' 'x'");
		assertThat(tokens).extracting(Token::value).containsExactly("it's; fine", "x");
		assertThat(tokens.get(0).type()).isEqualTo(Type.STRING);
	}

	@Test
	void stringsContinueOverLinesOnlyAcrossANewline() {
		assertThat(values(SqlLexer.tokenize("'a'\n  'b'"))).containsExactly("ab");
		assertThat(values(SqlLexer.tokenize("'a' 'b'"))).containsExactly("a", "b");
	}

	@Test
	void backslashIsPlainInStandardStringsAndAnEscapeInEStrings() {
		assertThat(SqlLexer.tokenize("'a\\n'").get(0).value()).isEqualTo("a\\n");
		assertThat(SqlLexer.tokenize("E'a\\nb\\'c\\\\d\\x41\\101\\u00e9'").get(0).value())
			.isEqualTo("a\nb'c\\dAAé");
		assertThat(SqlLexer.tokenize("e'it''s'").get(0).value()).isEqualTo("it's");
	}

	@Test
	void unicodeEscapes() {
		assertThat(SqlLexer.tokenize("U&'d\\0061t\\+000061'").get(0).value()).isEqualTo("data");
		assertThat(SqlLexer.tokenize("U&'d!0061t!+000061' UESCAPE '!'").get(0).value()).isEqualTo("data");
		Token identifier = SqlLexer.tokenize("U&\"d\\0061ta\"").get(0);
		assertThat(identifier.type()).isEqualTo(Type.QUOTED_IDENTIFIER);
		assertThat(identifier.value()).isEqualTo("data");
	}

	@Test
	void dollarQuotedStringsWithAndWithoutTags() {
		List<Token> tokens = SqlLexer.tokenize("$$it's; $x$ fine$$ $fn$ BEGIN; $$ nested $$ END; $fn$");
		assertThat(tokens).extracting(Token::type).containsExactly(Type.STRING, Type.STRING);
		assertThat(tokens.get(0).value()).isEqualTo("it's; $x$ fine");
		assertThat(tokens.get(1).value()).isEqualTo(" BEGIN; $$ nested $$ END; ");
	}

	@Test
	void commentsAreDroppedAndBlockCommentsNest() {
		assertThat(values(SqlLexer.tokenize("a -- b; c\n/* d /* e; */ f */ g"))).containsExactly("a", "g");
	}

	@Test
	void numbersOperatorsAndPunctuation() {
		assertThat(values(SqlLexer.tokenize("x::numeric(10,2) >= -1.5e3 AND y<>.5 AND z @> '{}' AND 1_000 = 0x1F")))
			.containsExactly("x", "::", "numeric", "(", "10", ",", "2", ")", ">=", "-", "1.5e3", "and", "y", "<>", ".5",
					"and", "z", "@>", "{}", "and", "1_000", "=", "0x1F");
	}

	@Test
	void operatorStopsBeforeAComment() {
		assertThat(values(SqlLexer.tokenize("a=--comment\n1"))).containsExactly("a", "=", "1");
	}

	@Test
	void jdbcParameters() {
		List<Token> tokens = SqlLexer.tokenize("a = ? AND b ?? 'k'");
		assertThat(tokens.get(2).type()).isEqualTo(Type.PARAMETER);
		assertThat(tokens.get(5).type()).isEqualTo(Type.OPERATOR);
		assertThat(tokens.get(5).value()).isEqualTo("?");
	}

	@Test
	void prefixesNeedAnAdjacentQuote() {
		assertThat(SqlLexer.tokenize("B'101' X'1F' N'n' e u").stream().map(Token::type))
			.containsExactly(Type.BIT_STRING, Type.BIT_STRING, Type.STRING, Type.WORD, Type.WORD);
	}

	@Test
	void unterminatedInputIsASyntaxError() {
		assertThatExceptionOfType(SqlSyntaxException.class).isThrownBy(() -> SqlLexer.tokenize("'open"));
		assertThatExceptionOfType(SqlSyntaxException.class).isThrownBy(() -> SqlLexer.tokenize("\"open"));
		assertThatExceptionOfType(SqlSyntaxException.class).isThrownBy(() -> SqlLexer.tokenize("$a$ open"));
		assertThatExceptionOfType(SqlSyntaxException.class).isThrownBy(() -> SqlLexer.tokenize("/* /* */"));
	}

	@Test
	void splitsAtTopLevelSemicolonsOnly() {
		List<SqlSplitter.StatementText> statements = SqlSplitter.split("""
				INSERT INTO t VALUES ('a;b', $$c;d$$, "e;f"); -- g; h
				/* i; */ CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;
				;
				UPDATE t SET x = 1""");
		assertThat(statements).extracting(SqlSplitter.StatementText::text)
			.containsExactly("INSERT INTO t VALUES ('a;b', $$c;d$$, \"e;f\")",
					"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END",
					"UPDATE t SET x = 1");
	}

	private static List<String> values(List<Token> tokens) {
		return tokens.stream().map(Token::value).toList();
	}

}
