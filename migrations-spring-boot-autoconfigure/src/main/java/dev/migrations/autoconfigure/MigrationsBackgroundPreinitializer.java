package dev.migrations.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Loads the classes a migrations startup needs in Spring Boot's background pre-initialization thread, while the main
 * thread prepares the context, as Boot does for its own expensive classes: reading and defining a hundred classes
 * from the jars is a noticeable part of what the starter adds to a restart with nothing to migrate. The classes are
 * loaded, not initialized, so no static initializer runs on that thread. Boot runs it only on more than one
 * processor, never in a native image, and not with {@code -Dspring.backgroundpreinitializer.ignore=true}.
 */
class MigrationsBackgroundPreinitializer implements BackgroundPreinitializer {

	/** The class names, one per line, in the order a restart loads them; {@code #} starts a comment. */
	static final String LOCATION = "META-INF/migrations/startup-classes";

	@Override
	public void preinitialize() throws IOException {
		ClassLoader classLoader = MigrationsBackgroundPreinitializer.class.getClassLoader();
		String names;
		try (InputStream in = classLoader.getResourceAsStream(LOCATION)) {
			if (in == null) {
				return;
			}
			names = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		for (String name : names.split("\n")) {
			String className = name.strip();
			if (className.isEmpty() || className.startsWith("#")) {
				continue;
			}
			try {
				Class.forName(className, false, classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// Only a head start: the main thread loads (and reports) whatever this could not.
			}
		}
	}

}
