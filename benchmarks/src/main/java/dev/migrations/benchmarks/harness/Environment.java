package dev.migrations.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine, the server and the versions a run measured, for the report. */
record Environment(Map<String, String> facts) {

	private static final Pattern JAR = Pattern.compile("/([^/]+)-(\\d[^/]*)\\.jar$");

	static Environment read(String adminUrl, String user, List<String> classpath) throws Exception {
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("Date", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
		facts.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available (nproc)");
		facts.put("Memory", memTotal());
		facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
				+ System.getProperty("os.arch") + ")");
		facts.put("Load average at start", loadAverage());
		facts.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
				+ " (default JVM options; every variant the same)");
		try (Connection connection = DriverManager.getConnection(adminUrl, user, null);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT version(), current_setting('fsync'), "
						+ "current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
			rs.next();
			facts.put("PostgreSQL", rs.getString(1) + "; fsync=" + rs.getString(2) + ", synchronous_commit="
					+ rs.getString(3) + ", shared_buffers=" + rs.getString(4) + "; over TCP to 127.0.0.1");
		}
		Map<String, String> versions = new LinkedHashMap<>();
		for (String entry : classpath) {
			Matcher matcher = JAR.matcher(entry);
			if (matcher.find()) {
				versions.put(matcher.group(1), matcher.group(2));
			}
		}
		facts.put("Spring Boot", versions.getOrDefault("spring-boot", "?") + " (Spring Framework "
				+ versions.getOrDefault("spring-core", "?") + ", HikariCP " + versions.getOrDefault("HikariCP", "?")
				+ ", PostgreSQL JDBC " + versions.getOrDefault("postgresql", "?") + ")");
		facts.put("Starter", "migrations-spring-boot-starter " + versions.getOrDefault("migrations-spring-boot-autoconfigure",
				"?") + gitCommit());
		facts.put("Flyway", versions.getOrDefault("flyway-core", "?") + " (with flyway-database-postgresql "
				+ versions.getOrDefault("flyway-database-postgresql", "?") + ")");
		facts.put("Liquibase", versions.getOrDefault("liquibase-core", "?"));
		return new Environment(facts);
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (Exception ex) {
			return "?";
		}
	}

	private static String gitCommit() {
		String commit = System.getenv("BENCH_GIT_COMMIT");
		return (commit != null && !commit.isBlank()) ? " at commit " + commit : "";
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (Exception ex) {
			// not Linux
		}
		return System.getProperty("os.arch");
	}

	private static String memTotal() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kib = Long.parseLong(line.replaceAll("\\D", ""));
					return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
				}
			}
		}
		catch (Exception ex) {
			// not Linux
		}
		return "?";
	}

}
