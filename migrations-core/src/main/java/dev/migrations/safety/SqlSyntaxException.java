package dev.migrations.safety;

/**
 * SQL that the lexer or the parser cannot read: an unterminated string, quoted identifier, dollar quote or comment.
 * The analyser reports such a statement as not analysed; it never stops a migration by itself, PostgreSQL will.
 */
class SqlSyntaxException extends RuntimeException {

	private final int offset;

	SqlSyntaxException(String message, int offset) {
		super(message + " at offset " + offset);
		this.offset = offset;
	}

	int offset() {
		return this.offset;
	}

}
