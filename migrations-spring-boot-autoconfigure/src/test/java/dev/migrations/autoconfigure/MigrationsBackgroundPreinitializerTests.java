package dev.migrations.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link MigrationsBackgroundPreinitializer}: Spring Boot finds it, and every class it names exists, so that a rename
 * does not quietly leave a restart to load it on the main thread.
 */
class MigrationsBackgroundPreinitializerTests {

	@Test
	void isRegisteredWithSpringBootsBackgroundPreinitialization() {
		assertThat(SpringFactoriesLoader.loadFactories(BackgroundPreinitializer.class, getClass().getClassLoader()))
			.hasAtLeastOneElementOfType(MigrationsBackgroundPreinitializer.class);
	}

	@Test
	void everyListedNameIsAClassOfTheStarter() throws IOException {
		List<String> names = listedNames();
		assertThat(names).hasSizeGreaterThan(50)
			.allSatisfy((name) -> assertThat(name).startsWith("dev.migrations."))
			.contains(MigrationsAutoConfiguration.class.getName(), dev.migrations.core.Migrator.class.getName());
		ClassLoader classLoader = getClass().getClassLoader();
		for (String name : names) {
			assertThatNoException().as(name).isThrownBy(() -> Class.forName(name, false, classLoader));
		}
		assertThatNoException().isThrownBy(() -> new MigrationsBackgroundPreinitializer().preinitialize());
	}

	private static List<String> listedNames() throws IOException {
		try (InputStream in = MigrationsBackgroundPreinitializer.class.getClassLoader()
			.getResourceAsStream(MigrationsBackgroundPreinitializer.LOCATION)) {
			assertThat(in).as(MigrationsBackgroundPreinitializer.LOCATION).isNotNull();
			return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

}
