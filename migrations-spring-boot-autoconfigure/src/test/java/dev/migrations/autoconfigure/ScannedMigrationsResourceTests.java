package dev.migrations.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The resource Spring AOT writes the scanned migrations to at build time, read back at startup: what goes in comes
 * out, and a missing or damaged resource stops the start with a message that names it and says what to do.
 */
class ScannedMigrationsResourceTests {

	private static final String LOCATION = ScannedMigrationsAotProcessor.LOCATION + "scanned-migrations-test";

	@TempDir
	Path root;

	@Test
	void candidatesWrittenAtBuildTimeAreReadBackAsTheyWere() throws Exception {
		List<ScannedMigrations.Candidate> candidates = List.of(
				new ScannedMigrations.Candidate("createOrders", "com.example.CreateOrders", "20260101000000_create_orders",
						"ab12", true),
				new ScannedMigrations.Candidate("com.example.b.AddIndex", "com.example.b.AddIndex",
						"20260102000000_add_index", null, false));
		assertThat(read(ScannedMigrations.render(candidates)).candidates()).isEqualTo(candidates);
	}

	@Test
	void missingResourceSaysToBuildWithAotAgain() throws Exception {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.root.toUri().toURL() }, null)) {
			assertThatIllegalStateException().isThrownBy(() -> ScannedMigrations.fromResource(loader, LOCATION))
				.withMessageContaining(LOCATION)
				.withMessageContaining("not on the class path")
				.withMessageContaining("spring-boot:process-aot");
		}
	}

	@Test
	void malformedLineIsNamed() {
		assertThatIllegalStateException().isThrownBy(() -> read("createOrders\tcom.example.CreateOrders\n"))
			.withMessageContaining("Malformed line in " + LOCATION)
			.withMessageContaining("'createOrders\tcom.example.CreateOrders'");
	}

	@Test
	void valueWithATabCannotBeWrittenAndItsClassIsNamed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ScannedMigrations.render(List.of(new ScannedMigrations.Candidate("createOrders",
					"com.example.CreateOrders", "20260101000000_create\torders", null, false))))
			.withMessageContaining("com.example.CreateOrders")
			.withMessageContaining("a tab or a line break");
	}

	private ScannedMigrations read(String text) throws Exception {
		Path file = this.root.resolve(LOCATION);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.root.toUri().toURL() }, null)) {
			return ScannedMigrations.fromResource(loader, LOCATION);
		}
	}

}
