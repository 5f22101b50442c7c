package dev.migrations.core;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the checksum of a migration class covers: compiled from source, with debug information, as a build would.
 */
class MigrationChecksumTests {

	private static final String ORIGINAL = """
			package com.example;
			public class AddUsers {
				static final String TABLE = "users";
				public String up() {
					Runnable r = new Runnable() { public void run() { System.out.println("x"); } };
					return "CREATE TABLE " + TABLE + " (id bigint)";
				}
				static class Nested { String sql() { return "SELECT 1"; } }
			}
			""";

	@TempDir
	Path temp;

	@Test
	void isStableAcrossCompilations() throws Exception {
		assertThat(checksum("a", ORIGINAL)).isEqualTo(checksum("b", ORIGINAL)).hasSize(64).matches("[0-9a-f]+");
	}

	@Test
	void ignoresFormattingAndComments() throws Exception {
		String reformatted = """
				package com.example;

				/** Adds the users table. */
				public class AddUsers {

					static final String TABLE = "users";

					// the table, with a comment
					public String up() {
						Runnable r = new Runnable() {
							public void run() {
								System.out.println("x");
							}
						};
						return "CREATE TABLE " + TABLE
								+ " (id bigint)";
					}

					static class Nested {
						String sql() {
							return "SELECT 1";
						}
					}

				}
				""";
		assertThat(checksum("b", reformatted)).isEqualTo(checksum("a", ORIGINAL));
	}

	@Test
	void changesWithAStatement() throws Exception {
		String changed = ORIGINAL.replace("(id bigint)", "(id bigint, name text)");
		assertThat(checksum("b", changed)).isNotEqualTo(checksum("a", ORIGINAL));
	}

	@Test
	void changesWithAConstant() throws Exception {
		String changed = ORIGINAL.replace("TABLE = \"users\"", "TABLE = \"people\"");
		assertThat(checksum("b", changed)).isNotEqualTo(checksum("a", ORIGINAL));
	}

	@Test
	void coversNestedAndAnonymousClasses() throws Exception {
		String nestedChanged = ORIGINAL.replace("SELECT 1", "SELECT 2");
		String anonymousChanged = ORIGINAL.replace("println(\"x\")", "println(\"y\")");
		String original = checksum("a", ORIGINAL);
		assertThat(checksum("b", nestedChanged)).isNotEqualTo(original);
		assertThat(checksum("c", anonymousChanged)).isNotEqualTo(original);
	}

	@Test
	void isNullWithoutAClassFile() {
		assertThat(MigrationChecksum.of(getClass().getClassLoader(), "com.example.Missing")).isNull();
	}

	@Test
	void ofALoadedClassIsThatOfItsClassFile() {
		assertThat(MigrationChecksum.of(MigrationChecksumTests.class))
			.isEqualTo(MigrationChecksum.of(getClass().getClassLoader(), MigrationChecksumTests.class.getName()));
	}

	private String checksum(String directory, String source) throws Exception {
		Path sources = Files.createDirectories(this.temp.resolve(directory).resolve("src/com/example"));
		Path classes = Files.createDirectories(this.temp.resolve(directory).resolve("classes"));
		Path file = Files.writeString(sources.resolve("AddUsers.java"), source);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null,
				List.of("-g", "-d", classes.toString(), file.toString()).toArray(String[]::new));
		assertThat(status).as("javac exit status").isZero();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, null)) {
			String checksum = MigrationChecksum.of(loader, "com.example.AddUsers");
			assertThat(checksum).isNotNull();
			return checksum;
		}
	}

}
