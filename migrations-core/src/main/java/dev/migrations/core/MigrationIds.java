package dev.migrations.core;

import java.time.Month;
import java.time.Year;

/**
 * Reads and checks migration ids: {@code YYYYMMDDHHMMSS_description}.
 */
final class MigrationIds {

	private MigrationIds() {
	}

	static String fromAnnotation(Object migration) {
		Class<?> type = userClass(migration.getClass());
		MigrationId annotation = type.getAnnotation(MigrationId.class);
		if (annotation == null) {
			throw new InvalidMigrationException(type.getName() + " has no id: annotate it with "
					+ "@MigrationId(\"YYYYMMDDHHMMSS_description\") or override id()");
		}
		return annotation.value();
	}

	/**
	 * Checks an id and returns its description (underscores and dashes read as spaces).
	 * @param source names the migration in the error, e.g. its bean name
	 */
	static String describe(String id, String source) {
		check(id, source);
		return description(id);
	}

	/**
	 * Checks an id: well-formed, with a timestamp that is a date and time.
	 * @param source names the migration in the error, e.g. its bean name
	 * @throws InvalidMigrationException naming the source and the id
	 */
	static void check(String id, String source) {
		if (!wellFormed(id)) {
			throw new InvalidMigrationException("Migration " + source + " has the malformed id '" + id
					+ "': an id is a UTC timestamp YYYYMMDDHHMMSS, an underscore and a description of letters, digits, "
					+ "'_', '-' or '.', e.g. 20260501120000_create_orders");
		}
		if (!validTimestamp(id)) {
			throw new InvalidMigrationException("Migration " + source + " has the id '" + id + "' whose timestamp "
					+ id.substring(0, 14) + " is not a valid date and time (YYYYMMDDHHMMSS, UTC)");
		}
	}

	/** The description of a well-formed id: what follows the timestamp, underscores and dashes read as spaces. */
	static String description(String id) {
		return id.substring(15).replace('_', ' ').replace('-', ' ');
	}

	/**
	 * Whether the 14 digits of a well-formed id are a date and time. Arithmetic rather than {@code LocalDateTime.of}:
	 * every restart checks every id before the JIT has compiled anything, and a thousand calls into java.time cost
	 * a noticeable part of it.
	 */
	private static boolean validTimestamp(String id) {
		int year = Integer.parseInt(id, 0, 4, 10);
		int month = Integer.parseInt(id, 4, 6, 10);
		int day = Integer.parseInt(id, 6, 8, 10);
		if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
			return false;
		}
		return Integer.parseInt(id, 8, 10, 10) <= 23 && Integer.parseInt(id, 10, 12, 10) <= 59
				&& Integer.parseInt(id, 12, 14, 10) <= 59;
	}

	/**
	 * Whether the id is 14 digits, an underscore and a description that starts with a letter or digit and goes on
	 * with letters, digits, {@code _}, {@code -} or {@code .}. A loop rather than a regular expression: every
	 * restart checks every id, before the JIT has compiled anything.
	 */
	private static boolean wellFormed(String id) {
		int length = id.length();
		if (length < 16 || id.charAt(14) != '_') {
			return false;
		}
		for (int i = 0; i < 14; i++) {
			char c = id.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		if (!letterOrDigit(id.charAt(15))) {
			return false;
		}
		for (int i = 16; i < length; i++) {
			char c = id.charAt(i);
			if (!letterOrDigit(c) && c != '_' && c != '.' && c != '-') {
				return false;
			}
		}
		return true;
	}

	private static boolean letterOrDigit(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}

	/** The timestamp part of a valid id. */
	static String version(String id) {
		return id.substring(0, 14);
	}

	/** Whether two well-formed ids have the same {@link #version}, compared in place. */
	static boolean sameVersion(String id, String other) {
		return id.regionMatches(0, other, 0, 14);
	}

	/** The class the user wrote, behind a CGLIB subclass that Spring may have generated. */
	static Class<?> userClass(Class<?> type) {
		Class<?> current = type;
		while (current.getName().contains("$$") && current.getSuperclass() != null
				&& current.getSuperclass() != Object.class) {
			current = current.getSuperclass();
		}
		return current;
	}

}
