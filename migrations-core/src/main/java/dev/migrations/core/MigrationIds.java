package dev.migrations.core;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks migration ids: {@code YYYYMMDDHHMMSS_description}.
 */
final class MigrationIds {

	private static final Pattern ID = Pattern.compile("(\\d{14})_([A-Za-z0-9][A-Za-z0-9_.-]*)");

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
		Matcher matcher = ID.matcher(id);
		if (!matcher.matches()) {
			throw new InvalidMigrationException("Migration " + source + " has the malformed id '" + id
					+ "': an id is a UTC timestamp YYYYMMDDHHMMSS, an underscore and a description of letters, digits, "
					+ "'_', '-' or '.', e.g. 20260501120000_create_orders");
		}
		try {
			// LocalDateTime.of checks every field (and February 30th) without a formatter, whose locale data costs a
			// noticeable part of a cold start.
			String t = matcher.group(1);
			LocalDateTime.of(Integer.parseInt(t, 0, 4, 10), Integer.parseInt(t, 4, 6, 10), Integer.parseInt(t, 6, 8, 10),
					Integer.parseInt(t, 8, 10, 10), Integer.parseInt(t, 10, 12, 10), Integer.parseInt(t, 12, 14, 10));
		}
		catch (DateTimeException ex) {
			throw new InvalidMigrationException("Migration " + source + " has the id '" + id + "' whose timestamp "
					+ matcher.group(1) + " is not a valid date and time (YYYYMMDDHHMMSS, UTC)");
		}
		return matcher.group(2).replace('_', ' ').replace('-', ' ');
	}

	/** The timestamp part of a valid id. */
	static String version(String id) {
		return id.substring(0, 14);
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
