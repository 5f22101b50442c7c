package dev.migrations.benchmarks.harness;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.migrations.benchmarks.floor.Statements;

/**
 * Writes the N migrations of each tool into one directory that the harness puts on the apps' classpath, and compiles
 * the Java ones:
 * <ul>
 * <li>{@code bench/starter/M<i>.class}: N {@code Migration} classes, found by the starter's package scan;</li>
 * <li>{@code bench/flywayjava/V<i>__create_t_<i>.class}: N Flyway {@code BaseJavaMigration}s;</li>
 * <li>{@code bench/flywaysql/V<i>__create_t_<i>.sql}: N Flyway SQL files;</li>
 * <li>{@code bench/liquibase/changelog.xml}: one changelog with N changesets.</li>
 * </ul>
 * Every migration i runs exactly {@link Statements#create(int)}.
 */
final class Generator {

	private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

	private static final LocalDateTime EPOCH = LocalDateTime.of(2026, 1, 1, 0, 0);

	private Generator() {
	}

	/** Generates and compiles into {@code dir/classes}; returns that directory. */
	static Path generate(Path dir, int n, String compileClasspath) throws IOException {
		deleteRecursively(dir);
		Path sources = dir.resolve("src");
		Path classes = dir.resolve("classes");
		Files.createDirectories(sources.resolve("bench/starter"));
		Files.createDirectories(sources.resolve("bench/flywayjava"));
		Files.createDirectories(classes.resolve("bench/flywaysql"));
		Files.createDirectories(classes.resolve("bench/liquibase"));
		List<Path> javaFiles = new ArrayList<>();
		List<Path> starterFiles = new ArrayList<>();
		StringBuilder changelog = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8"?>
				<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
				    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
				    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
				""");
		for (int i = 1; i <= n; i++) {
			String sql = Statements.create(i);
			String id = EPOCH.plusSeconds(i).format(ID) + "_create_t_" + i;
			Path starter = sources.resolve("bench/starter/M" + i + ".java");
			Files.writeString(starter, """
					package bench.starter;

					@dev.migrations.core.MigrationId("%2$s")
					public class M%1$d implements dev.migrations.core.Migration {
					    @Override public void up(dev.migrations.schema.QueryInterface q) { q.sql("%3$s"); }
					    @Override public void down(dev.migrations.schema.QueryInterface q) { q.sql("DROP TABLE t_%1$d"); }
					}
					""".formatted(i, id, sql));
			starterFiles.add(starter);
			String flywayName = "V" + i + "__create_t_" + i;
			Path flyway = sources.resolve("bench/flywayjava/" + flywayName + ".java");
			Files.writeString(flyway, """
					package bench.flywayjava;

					public class %1$s extends org.flywaydb.core.api.migration.BaseJavaMigration {
					    @Override public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {
					        try (java.sql.Statement statement = context.getConnection().createStatement()) {
					            statement.execute("%2$s");
					        }
					    }
					}
					""".formatted(flywayName, sql));
			javaFiles.add(flyway);
			Files.writeString(classes.resolve("bench/flywaysql/" + flywayName + ".sql"), sql + ";\n");
			changelog.append("""
					    <changeSet id="%1$d" author="bench">
					        <sql>%2$s</sql>
					        <rollback>DROP TABLE t_%1$d</rollback>
					    </changeSet>
					""".formatted(i, sql));
		}
		changelog.append("</databaseChangeLog>\n");
		Files.writeString(classes.resolve("bench/liquibase/changelog.xml"), changelog);
		// The starter's migrations are compiled as a build compiles them, with migrations-core's annotation processor
		// (named, so that JDK 23+ runs it too): it writes the index that spares startup the classpath scan.
		compile(starterFiles, classes, compileClasspath, "-processor", "dev.migrations.index.MigrationIndexProcessor");
		compile(javaFiles, classes, compileClasspath, "-proc:none");
		return classes;
	}

	private static void compile(List<Path> files, Path classes, String classpath, String... processing)
			throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			throw new IllegalStateException("The harness needs a JDK (javac), not a JRE, to compile the generated migrations");
		}
		List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath, "-nowarn", "--release",
				"17", "-g:none"));
		args.addAll(List.of(processing));
		files.forEach((file) -> args.add(file.toString()));
		StringWriter errors = new StringWriter();
		int rc = compiler.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
			@Override
			public void write(int b) {
				errors.write(b);
			}
		}), args.toArray(String[]::new));
		if (rc != 0) {
			throw new IllegalStateException("Compiling the generated migrations failed:\n" + errors);
		}
	}

	static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				Files.delete(path);
			}
		}
	}

}
