package dev.migrations.schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import dev.migrations.dialect.Dialect;

/**
 * Default object names, deterministic so that {@code down} can find what {@code up} created.
 */
public final class Names {

	/**
	 * PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1): names derived here are fitted to it, names given
	 * by the user are refused beyond it when quoted ({@link dev.migrations.dialect.PostgresDialect#quote}).
	 */
	static final int MAX_IDENTIFIER_BYTES = dev.migrations.dialect.PostgresDialect.MAX_IDENTIFIER_BYTES;

	private Names() {
	}

	/**
	 * {@code <table>_<column>_..._<suffix>}, PostgreSQL's own convention. A name longer than 63 bytes is cut and ends
	 * with 8 hex digits of its CRC-32, so two long names that share a prefix stay distinct.
	 */
	public static String derived(String table, String[] columns, String suffix) {
		return fit(table + "_" + String.join("_", columns) + "_" + suffix);
	}

	public static String fit(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= MAX_IDENTIFIER_BYTES) {
			return name;
		}
		CRC32 crc = new CRC32();
		crc.update(bytes);
		String hash = String.format("%08x", crc.getValue());
		StringBuilder prefix = new StringBuilder();
		int used = 0;
		for (int i = 0; i < name.length();) {
			int codePoint = name.codePointAt(i);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (used + size > MAX_IDENTIFIER_BYTES - hash.length() - 1) {
				break;
			}
			prefix.appendCodePoint(codePoint);
			used += size;
			i += Character.charCount(codePoint);
		}
		return prefix + "_" + hash;
	}

	static String quoteAll(Dialect dialect, String... identifiers) {
		return Arrays.stream(identifiers).map(dialect::quote).collect(Collectors.joining(", "));
	}

}
