package dev.migrations.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Migration classes compiled from source at test time, each version in its own class loader: the same class edited,
 * reformatted or left alone, as a developer would change it between two deployments.
 */
final class CompiledMigrations {

	private CompiledMigrations() {
	}

	/**
	 * Compiles one migration class in package {@code it} and returns a loader that sees it.
	 * @param simpleName the class name
	 * @param id the migration id
	 * @param body the body of {@code up(QueryInterface q)}, formatted as given
	 */
	static ClassLoader compile(String simpleName, String id, String body) {
		return compileSource(simpleName, "package it;\n\nimport dev.migrations.core.Migration;\n"
				+ "import dev.migrations.schema.QueryInterface;\n\npublic class " + simpleName
				+ " implements Migration {\n\n\t@Override\n\tpublic String id() {\n\t\treturn \"" + id + "\";\n\t}\n\n"
				+ "\t@Override\n\tpublic void up(QueryInterface q) {\n" + body + "\n\t}\n\n}\n");
	}

	/** Compiles the source of class {@code it.<simpleName>} and returns a loader that sees it. */
	static ClassLoader compileSource(String simpleName, String source) {
		try {
			Path dir = Files.createTempDirectory("compiled-migrations");
			Path file = dir.resolve(simpleName + ".java");
			Files.writeString(file, source);
			JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
			List<String> args = new ArrayList<>(List.of("-g", "-d", dir.toString(), "-cp",
					System.getProperty("java.class.path"), file.toString()));
			if (compiler.run(null, null, null, args.toArray(String[]::new)) != 0) {
				throw new IllegalStateException("Could not compile " + simpleName);
			}
			return new URLClassLoader(new URL[] { dir.toUri().toURL() }, CompiledMigrations.class.getClassLoader());
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The compiled class as a lazy migration whose checksum is read from its class file, as scanning does. */
	static MigrationSupplier supplier(ClassLoader loader, String simpleName, String id) {
		String className = "it." + simpleName;
		return new MigrationSupplier() {

			@Override
			public String id() {
				return id;
			}

			@Override
			public Class<? extends Migration> type() {
				try {
					return Class.forName(className, false, loader).asSubclass(Migration.class);
				}
				catch (ClassNotFoundException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public Migration get() {
				try {
					return type().getDeclaredConstructor().newInstance();
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public String checksum() {
				return MigrationChecksum.of(loader, className);
			}

		};
	}

}
