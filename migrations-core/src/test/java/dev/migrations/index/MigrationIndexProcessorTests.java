package dev.migrations.index;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.migrations.core.MigrationChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MigrationIndexProcessor}, run by javac as a build runs it (found on the class path), and {@link
 * MigrationIndex#verify} against listings of what it compiled.
 */
class MigrationIndexProcessorTests {

	@TempDir
	Path dir;

	private Path source(String className, String body) throws IOException {
		Path file = this.dir.resolve("src/" + className.replace('.', '/') + ".java");
		Files.createDirectories(file.getParent());
		String simpleName = className.substring(className.lastIndexOf('.') + 1);
		Files.writeString(file, "package p;\nimport dev.migrations.core.*;\nimport dev.migrations.schema.QueryInterface;\n"
				+ body.replace("NAME", simpleName));
		return file;
	}

	private Path out() throws IOException {
		return Files.createDirectories(this.dir.resolve("out"));
	}

	private void compile(boolean processor, Path... sources) throws IOException {
		compile(processor ? List.of() : List.of("-proc:none"), sources);
	}

	private void compile(List<String> options, Path... sources) throws IOException {
		List<String> args = new ArrayList<>(List.of("-classpath",
				System.getProperty("java.class.path") + java.io.File.pathSeparator + out(), "-d", out().toString()));
		args.addAll(options);
		for (Path source : sources) {
			args.add(source.toString());
		}
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
	}

	private Map<String, IndexEntry> index() throws IOException {
		return MigrationIndex.parse(Files.readString(out().resolve(MigrationIndex.LOCATION)))
			.stream()
			.collect(Collectors.toMap(IndexEntry::className, Function.identity()));
	}

	private MigrationIndex.Verification verify() throws IOException {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { out().toUri().toURL() }, null)) {
			MigrationIndex index = MigrationIndex.load(loader);
			assertThat(index).isNotNull();
			return index.verify("p", ClassFileListing.of(loader, "p"));
		}
	}

	private static final String MIGRATION = """
			@MigrationId("20260101000000_one")
			public class NAME implements Migration {
				public void up(QueryInterface q) {
					Runnable later = new Runnable() { public void run() { } };
				}
			}
			""";

	@Test
	void springAotsGeneratedClassesCompiledApartWriteNoIndexAndReadAsNoCandidatesLeaveItValid() throws IOException {
		compile(true, source("p.One", MIGRATION));
		// spring-boot:process-aot compiles the generated classes into a directory of their own, with the application's
		// classes on the class path, and copies the result over them: an index written there would replace the
		// application's.
		Path generated = Files.createDirectories(this.dir.resolve("aot"));
		Path source = this.dir.resolve("aot-src/p/One__BeanDefinitions.java");
		Files.createDirectories(source.getParent());
		Files.writeString(source, "package p;\n@org.springframework.aot.generate.Generated\n"
				+ "public class One__BeanDefinitions { }\n");
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		assertThat(javac.run(null, null, null, "-classpath",
				System.getProperty("java.class.path") + java.io.File.pathSeparator + out(), "-d", generated.toString(),
				source.toString())).isZero();
		assertThat(generated.resolve(MigrationIndex.LOCATION)).doesNotExist();
		// Copied over the application's classes, as the build does: the index lacks the generated class, which the
		// caller reads and finds is no migration.
		Files.copy(generated.resolve("p/One__BeanDefinitions.class"), out().resolve("p/One__BeanDefinitions.class"));
		try (URLClassLoader loader = new URLClassLoader(new URL[] { out().toUri().toURL() }, null)) {
			MigrationIndex index = MigrationIndex.load(loader);
			assertThat(index).isNotNull();
			ClassFileListing listing = ClassFileListing.of(loader, "p");
			assertThat(index.verify("p", listing).differences())
				.containsExactly("p.One__BeanDefinitions is not in the index");
			List<String> read = new ArrayList<>();
			MigrationIndex.Verification verification = index.verify("p", listing, (className) -> read.add(className));
			assertThat(read).containsExactly("p.One__BeanDefinitions");
			assertThat(verification.matches()).isTrue();
			assertThat(verification.entries()).extracting(IndexEntry::className).contains("p.One");
			assertThat(index.verify("p", listing, (className) -> false).matches()).isFalse();
		}
	}

	@Test
	void aMigrationIsPlainOnlyWhenCreatingItNeedsNothingFromTheContainer() throws IOException {
		String up = "public void up(QueryInterface q) { }";
		compile(true, source("p.Plain", """
				@MigrationId("20260101000000_plain")
				public class NAME implements ReversibleMigration {
					private final String table = "t";
					NAME() { }
					@Override
					public void change(QueryInterface q) { }
				}
				"""), source("p.Injected", """
				@MigrationId("20260101000001_injected")
				public class NAME implements Migration {
					private final Runnable dependency;
					public NAME(Runnable dependency) { this.dependency = dependency; }
					UP
				}
				""".replace("UP", up)), source("p.TwoConstructors", """
				@MigrationId("20260101000002_two")
				public class NAME implements Migration {
					public NAME() { }
					public NAME(String unused) { }
					UP
				}
				""".replace("UP", up)), source("p.AnnotatedField", """
				@MigrationId("20260101000003_field")
				public class NAME implements Migration {
					@Deprecated
					Object injected;
					UP
				}
				""".replace("UP", up)), source("p.AnnotatedMethod", """
				@MigrationId("20260101000004_method")
				public class NAME implements Migration {
					@Deprecated
					void init() { }
					UP
				}
				""".replace("UP", up)), source("p.Callback", """
				@MigrationId("20260101000005_callback")
				public class NAME implements Migration, AutoCloseable {
					public void close() { }
					UP
				}
				""".replace("UP", up)), source("p.Parent", """
				public abstract class NAME implements Migration {
					@Deprecated
					protected Object fromTheContainer;
				}
				"""), source("p.Child", """
				@MigrationId("20260101000006_child")
				public class NAME extends Parent {
					UP
				}
				""".replace("UP", up)));
		Map<String, IndexEntry> index = index();
		assertThat(index.get("p.Plain").kind()).isEqualTo(IndexEntry.Kind.PLAIN);
		assertThat(index.get("p.Plain").checksum()).hasSize(64);
		for (String notPlain : List.of("p.Injected", "p.TwoConstructors", "p.AnnotatedField", "p.AnnotatedMethod",
				"p.Callback", "p.Child")) {
			assertThat(index.get(notPlain).kind()).as(notPlain).isEqualTo(IndexEntry.Kind.MIGRATION);
			assertThat(index.get(notPlain).checksum()).as(notPlain).hasSize(64);
		}
		assertThat(verify().matches()).isTrue();
	}

	@Test
	void recordsWhatTheScanWouldReadOfEveryClassWithItsClassFilesSizeAndCrc() throws IOException {
		compile(true, source("p.One", MIGRATION), source("p.NoId", """
				public class NAME implements Migration {
					public String id() { return "20260101000001_no_id"; }
					public void up(QueryInterface q) { }
				}
				"""), source("p.Conditional", """
				@MigrationId("20260101000002_conditional")
				@Deprecated
				public class NAME implements Migration {
					public void up(QueryInterface q) { }
				}
				"""), source("p.Seeds", """
				@SeederId("20260101000003_seeds")
				public class NAME implements Seeder {
					public void run(QueryInterface q) { }
				}
				"""), source("p.Base", """
				public abstract class NAME implements Migration {
					@SuppressWarnings("unused")
					@MigrationId("20260101000004_inner")
					public class Inner extends NAME {
						public void up(QueryInterface q) { }
					}
					@MigrationId("20260101000005_nested")
					public static class Nested extends NAME {
						public void up(QueryInterface q) { }
					}
				}
				"""), source("p.Helper", "public class NAME { }"));
		Map<String, IndexEntry> index = index();
		assertThat(index).containsOnlyKeys("p.One", "p.One$1", "p.NoId", "p.Conditional", "p.Seeds", "p.Base",
				"p.Base$Inner", "p.Base$Nested", "p.Helper");
		assertThat(index.get("p.One").kind()).isEqualTo(IndexEntry.Kind.PLAIN);
		assertThat(index.get("p.One").id()).isEqualTo("20260101000000_one");
		assertThat(index.get("p.Base$Nested").kind()).isEqualTo(IndexEntry.Kind.PLAIN);
		assertThat(index.get("p.NoId").kind()).isEqualTo(IndexEntry.Kind.READ);
		assertThat(index.get("p.Conditional").kind()).isEqualTo(IndexEntry.Kind.READ);
		assertThat(index.get("p.Seeds").kind()).isEqualTo(IndexEntry.Kind.READ);
		assertThat(index.get("p.Base").kind()).isEqualTo(IndexEntry.Kind.OTHER);
		assertThat(index.get("p.Base$Inner").kind()).isEqualTo(IndexEntry.Kind.OTHER);
		assertThat(index.get("p.One$1").kind()).isEqualTo(IndexEntry.Kind.OTHER);
		assertThat(index.get("p.Helper").kind()).isEqualTo(IndexEntry.Kind.OTHER);
		byte[] bytes = Files.readAllBytes(out().resolve("p/One.class"));
		CRC32 crc = new CRC32();
		crc.update(bytes);
		assertThat(index.get("p.One").size()).isEqualTo(bytes.length);
		assertThat(index.get("p.One").crc()).isEqualTo(crc.getValue());
		// The checksum the history records for it, computed as at runtime: the class and its anonymous class.
		try (URLClassLoader loader = new URLClassLoader(new URL[] { out().toUri().toURL() }, null)) {
			assertThat(index.get("p.One").checksum()).hasSize(64)
				.isEqualTo(MigrationChecksum.of(loader, "p.One"));
		}
		assertThat(index.get("p.Helper").checksum()).isNull();
		assertThat(verify().matches()).isTrue();
	}

	@Test
	void optionTurnsTheIndexOff() throws IOException {
		compile(List.of("-Amigrations.index=false"), source("p.One", MIGRATION));
		assertThat(out().resolve("p/One.class")).exists();
		assertThat(out().resolve(MigrationIndex.LOCATION)).doesNotExist();
	}

	@Test
	void incrementalCompilationMergesWithTheIndexAndDropsDeletedClasses() throws IOException {
		compile(true, source("p.One", MIGRATION), source("p.Gone", "public class NAME { }"));
		Files.delete(out().resolve("p/Gone.class"));
		compile(true, source("p.Two", MIGRATION.replace("20260101000000_one", "20260101000001_two")));
		assertThat(index()).containsOnlyKeys("p.One", "p.One$1", "p.Two", "p.Two$1");
		assertThat(verify().matches()).isTrue();
	}

	@Test
	void classCompiledWithoutTheProcessorMakesTheIndexNotMatch() throws IOException {
		compile(true, source("p.One", MIGRATION));
		compile(false, source("p.Two", MIGRATION.replace("20260101000000_one", "20260101000001_two")));
		assertThat(verify().differences()).containsExactly("p.Two is not in the index", "p.Two$1 is not in the index");
	}

	@Test
	void classRecompiledWithoutTheProcessorMakesTheIndexNotMatch() throws IOException {
		compile(true, source("p.One", MIGRATION));
		compile(false, source("p.One", MIGRATION.replace("public void up", "public void down(QueryInterface q) { }\n"
				+ "public void up")));
		assertThat(verify().differences()).containsExactly("p.One changed since the index was written");
	}

	@Test
	void classCompiledWithoutTheProcessorStaysUnknownWhenAnotherIsCompiledWithIt() throws IOException {
		compile(true, source("p.One", MIGRATION));
		compile(false, source("p.Two", MIGRATION.replace("20260101000000_one", "20260101000001_two")));
		compile(true, source("p.Three", "public class NAME { }"));
		assertThat(verify().differences()).containsExactly("p.Two is not in the index", "p.Two$1 is not in the index");
	}

}
