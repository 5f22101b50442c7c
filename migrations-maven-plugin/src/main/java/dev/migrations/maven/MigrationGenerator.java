package dev.migrations.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a new migration or seeder class, the equivalent of {@code sequelize-cli migration:generate --name ...}: the
 * id is the current UTC time {@code YYYYMMDDHHMMSS} and the name in snake case, the class name is the name in
 * PascalCase, and the file goes into the package where the project keeps its migrations (or seeders).
 *
 * <p>Plain Java with no Maven types, so it is tested directly; {@link GenerateMojo} is a thin wrapper.
 */
public final class MigrationGenerator {

	/** What to generate. */
	public enum Type {

		/** A {@code Migration} with empty {@code up} and {@code down}. */
		MIGRATION("Migration", "MigrationId"),

		/** A {@code Seeder} with empty {@code run} and {@code undo}. */
		SEEDER("Seeder", "SeederId");

		private final String interfaceName;

		private final String annotationName;

		Type(String interfaceName, String annotationName) {
			this.interfaceName = interfaceName;
			this.annotationName = annotationName;
		}

		/** {@code migration} or {@code seeder}, any case. */
		public static Type of(String name) {
			for (Type type : values()) {
				if (type.name().equalsIgnoreCase(name.trim())) {
					return type;
				}
			}
			throw new GeneratorException("Unknown type '" + name + "': use migration or seeder");
		}

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** What was written. */
	public record Generated(Path file, String id, String className, String packageName) {
	}

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
		.withZone(ZoneOffset.UTC);

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*([-_ .][A-Za-z0-9]+)*");

	private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

	/** An id in a string literal: {@code "20260501120000_create_orders"}. */
	private static final Pattern ID_LITERAL = Pattern.compile("\"(\\d{14})_[A-Za-z0-9][A-Za-z0-9_.-]*\"");

	private static final Pattern JAVA_PACKAGE = Pattern.compile("[a-zA-Z_][\\w]*(\\.[a-zA-Z_][\\w]*)*");

	private final Path sourceRoot;

	private final Clock clock;

	/**
	 * @param sourceRoot the project's Java sources, {@code src/main/java}
	 * @param clock the clock of the new id (UTC)
	 */
	public MigrationGenerator(Path sourceRoot, Clock clock) {
		this.sourceRoot = Objects.requireNonNull(sourceRoot, "sourceRoot");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Writes the class.
	 * @param name what the change does, e.g. {@code add-phone-to-users} or {@code add_phone_to_users}
	 * @param type migration or seeder
	 * @param packageName the package to write into, or {@code null} to use the package of the existing classes
	 * @return the file written and the id in it
	 * @throws GeneratorException when the name is invalid, the package cannot be found, the file exists, or the id
	 * would sort before (or share the timestamp of) an existing one
	 */
	public Generated generate(String name, Type type, String packageName) {
		String normalized = normalize(name);
		String className = className(normalized);
		String suffix = normalized.toLowerCase(Locale.ROOT);
		List<Existing> existing = scan(type);
		String target = (packageName != null && !packageName.isBlank()) ? packageName.trim() : detectPackage(type, existing);
		if (!JAVA_PACKAGE.matcher(target).matches()) {
			throw new GeneratorException("'" + target + "' is not a Java package name");
		}
		Path directory = this.sourceRoot.resolve(target.replace('.', '/'));
		Path file = directory.resolve(className + ".java");
		if (Files.exists(file)) {
			throw new GeneratorException(file + " already exists; choose another name");
		}
		String timestamp = TIMESTAMP.format(this.clock.instant());
		String id = timestamp + "_" + suffix;
		existing.stream().max(Comparator.comparing(Existing::timestamp)).ifPresent((newest) -> {
			if (timestamp.compareTo(newest.timestamp()) <= 0) {
				throw new GeneratorException("The new " + type.label() + " id " + id + " would not sort after the newest "
						+ "existing id " + newest.id() + " (in " + this.sourceRoot.relativize(newest.file())
						+ "): ids run in timestamp order, so a new one must be later. Is this machine's clock behind? "
						+ "Wait, fix the clock, or write the class by hand with a later timestamp.");
			}
		});
		try {
			Files.createDirectories(directory);
			Files.writeString(file, source(type, target, className, id), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
		return new Generated(file, id, className, target);
	}

	/** {@code add-phone-to-users} to {@code add_phone_to_users}. */
	static String normalize(String name) {
		if (name == null || !NAME.matcher(name.trim()).matches()) {
			throw new GeneratorException("The name '" + name + "' must start with a letter and contain letters, digits, "
					+ "and '-', '_', '.' or spaces between words, e.g. -Dname=add-phone-to-users");
		}
		return String.join("_", name.trim().split("[-_ .]+"));
	}

	/** {@code add_phone_to_users} to {@code AddPhoneToUsers}. */
	static String className(String normalized) {
		StringBuilder result = new StringBuilder();
		for (String word : normalized.split("_")) {
			result.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		return result.toString();
	}

	private String detectPackage(Type type, List<Existing> existing) {
		// The package of the newest class of the type: where the project keeps them now.
		return existing.stream()
			.max(Comparator.comparing(Existing::timestamp))
			.map(Existing::packageName)
			.orElseThrow(() -> new GeneratorException("Found no " + type.interfaceName + " class under "
					+ this.sourceRoot + " to take the package from; name it with -Dpackage=com.example.db or "
					+ "<configuration><package>com.example.db</package></configuration>"));
	}

	/** The classes of the type in the sources with the ids they declare. */
	private List<Existing> scan(Type type) {
		List<Existing> found = new ArrayList<>();
		if (!Files.isDirectory(this.sourceRoot)) {
			return found;
		}
		Pattern implementsType = Pattern.compile("implements\\s+([\\w.]+\\s*,\\s*)*(dev\\.migrations\\.core\\.)?"
				+ type.interfaceName + "\\b");
		Pattern annotation = Pattern.compile("@(dev\\.migrations\\.core\\.)?" + type.annotationName + "\\b");
		try (Stream<Path> files = Files.walk(this.sourceRoot)) {
			for (Path file : (Iterable<Path>) files.filter((f) -> f.toString().endsWith(".java"))::iterator) {
				String source = Files.readString(file, StandardCharsets.UTF_8);
				if (!implementsType.matcher(source).find() && !annotation.matcher(source).find()) {
					continue;
				}
				Matcher packageMatcher = PACKAGE.matcher(source);
				String packageName = packageMatcher.find() ? packageMatcher.group(1) : "";
				Matcher ids = ID_LITERAL.matcher(source);
				while (ids.find()) {
					String id = ids.group().substring(1, ids.group().length() - 1);
					found.add(new Existing(file, packageName, id, ids.group(1)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the sources under " + this.sourceRoot, ex);
		}
		return found;
	}

	private static String source(Type type, String packageName, String className, String id) {
		String body = switch (type) {
			case MIGRATION -> """
						@Override
						public void up(QueryInterface q) {
						}

						@Override
						public void down(QueryInterface q) {
						}
					""";
			case SEEDER -> """
						@Override
						public void run(QueryInterface q) {
						}

						@Override
						public void undo(QueryInterface q) {
						}
					""";
		};
		return "package " + packageName + ";\n\n"
				+ "import dev.migrations.core." + type.interfaceName + ";\n"
				+ "import dev.migrations.core." + type.annotationName + ";\n"
				+ "import dev.migrations.schema.QueryInterface;\n\n"
				+ "@" + type.annotationName + "(\"" + id + "\")\n"
				+ "public class " + className + " implements " + type.interfaceName + " {\n\n"
				+ body + "\n}\n";
	}

	private record Existing(Path file, String packageName, String id, String timestamp) {
	}

	/** The generator refused; the message says why and what to do. */
	public static final class GeneratorException extends RuntimeException {

		public GeneratorException(String message) {
			super(message);
		}

	}

}
