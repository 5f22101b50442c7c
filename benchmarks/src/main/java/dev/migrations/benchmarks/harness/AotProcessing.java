package dev.migrations.benchmarks.harness;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Processes {@code BenchApp} ahead of time, as {@code spring-boot:process-aot} does in a build: Spring Boot's
 * {@code SpringApplicationAotProcessor} runs in its own JVM on the variant's classpath (the generated migrations
 * included, so the starter's scan happens here, once), then the generated sources are compiled with javac. The
 * result, the compiled classes and the generated resources, goes on the classpath of the runs started with
 * {@code -Dspring.aot.enabled=true}. This is build time: it is never part of a measured run.
 */
final class AotProcessing {

	static final String PROCESSOR = "org.springframework.boot.SpringApplicationAotProcessor";

	static final String APP = "dev.migrations.benchmarks.app.BenchApp";

	private AotProcessing() {
	}

	/**
	 * Processes the app into {@code dir} with the given application arguments (the conditions are decided with them)
	 * and returns the classpath entries to add: the compiled classes and the generated resources.
	 */
	static List<String> process(String javaBin, Path dir, List<String> classpath, List<String> appArgs)
			throws IOException, InterruptedException {
		Generator.deleteRecursively(dir);
		Path sources = dir.resolve("sources");
		Path resources = dir.resolve("resources");
		Path classes = dir.resolve("classes");
		Files.createDirectories(sources);
		Files.createDirectories(resources);
		Files.createDirectories(classes);
		String cp = String.join(File.pathSeparator, classpath);
		List<String> command = new ArrayList<>(List.of(javaBin, "-cp", cp, PROCESSOR, APP, sources.toString(),
				resources.toString(), classes.toString(), "dev.migrations", "migrations-benchmarks"));
		command.addAll(appArgs);
		Path log = dir.resolve("process-aot.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(20, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("AOT processing did not finish in 20 minutes; see " + log);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("AOT processing failed (exit " + process.exitValue() + "); see " + log);
		}
		List<String> javaFiles;
		try (Stream<Path> files = Files.walk(sources)) {
			javaFiles = files.filter((file) -> file.toString().endsWith(".java")).map(Path::toString).toList();
		}
		if (javaFiles.stream().noneMatch((file) -> file.endsWith("BenchApp__ApplicationContextInitializer.java"))) {
			throw new IllegalStateException("AOT processing generated no BenchApp__ApplicationContextInitializer in "
					+ sources + "; see " + log);
		}
		compile(javaFiles, classes, cp + File.pathSeparator + classes);
		return List.of(classes.toAbsolutePath().toString(), resources.toAbsolutePath().toString());
	}

	private static void compile(List<String> files, Path classes, String classpath) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			throw new IllegalStateException("The harness needs a JDK (javac), not a JRE, to compile the AOT sources");
		}
		List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath, "-proc:none",
				"-nowarn", "--release", "17", "-parameters"));
		args.addAll(files);
		StringWriter errors = new StringWriter();
		int rc = compiler.run(null, null, new PrintStream(new OutputStream() {
			@Override
			public void write(int b) {
				errors.write(b);
			}
		}), args.toArray(String[]::new));
		if (rc != 0) {
			throw new IllegalStateException("Compiling the AOT-generated sources failed:\n" + errors);
		}
	}

}
