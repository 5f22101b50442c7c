package dev.migrations.maven;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link GenerateMojo} as Maven configures it: fields set from {@code -D} properties.
 */
class GenerateMojoTests {

	@TempDir
	Path sources;

	private GenerateMojo mojo(String name, String type, String packageName) throws Exception {
		GenerateMojo mojo = new GenerateMojo();
		set(mojo, "name", name);
		set(mojo, "type", type);
		set(mojo, "packageName", packageName);
		set(mojo, "sourceDirectory", this.sources.toFile());
		return mojo;
	}

	private static void set(Object target, String field, Object value) throws Exception {
		Field f = GenerateMojo.class.getDeclaredField(field);
		f.setAccessible(true);
		f.set(target, value);
	}

	@Test
	void writesTheClassAndReportsFailuresAsMojoFailures() throws Exception {
		mojo("create-users", "migration", "com.example.db").execute();
		try (var files = Files.list(this.sources.resolve("com/example/db"))) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactly("CreateUsers.java");
		}
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> mojo("create-users", "migration", null).execute())
			.withMessageContaining("already exists");
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> mojo("x", "table", null).execute())
			.withMessageContaining("migration or seeder");
		assertThat(new File(this.sources.toFile(), "com/example/db/CreateUsers.java")).content()
			.contains("implements Migration");
	}

}
