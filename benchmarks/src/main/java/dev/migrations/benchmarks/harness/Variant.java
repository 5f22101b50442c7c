package dev.migrations.benchmarks.harness;

import java.util.List;

/**
 * One contestant. Each runs in its own JVM with only its own tool's jars on the classpath; the tool variants are the
 * same Spring Boot app ({@code BenchApp}) with different jars and properties.
 */
enum Variant {

	/** The starter: N Migration beans found by package scan. */
	STARTER("starter", Tool.STARTER, List.of("--migrations.scan-packages=bench.starter"),
			List.of("--migrations.enabled=false")),

	/**
	 * The starter in an app processed by Spring AOT at harness time (the scan done at build time), run with
	 * {@code -Dspring.aot.enabled=true}. Opt-in: not in the default list.
	 */
	STARTER_AOT("starter-aot", Tool.STARTER, List.of("--migrations.scan-packages=bench.starter"),
			List.of("--migrations.enabled=false"), true),

	/**
	 * The starter with the checksums of applied migrations not compared ({@code migrations.validation.modified=ignore}),
	 * to measure what comparing them costs a no-op restart. Opt-in: not in the default list.
	 */
	STARTER_NO_CHECKSUMS("starter-no-checksums", Tool.STARTER,
			List.of("--migrations.scan-packages=bench.starter", "--migrations.validation.modified=ignore"),
			List.of("--migrations.enabled=false")),

	/** Flyway with N Java migrations. */
	FLYWAY_JAVA("flyway-java", Tool.FLYWAY, List.of("--spring.flyway.locations=classpath:bench/flywayjava"),
			List.of("--spring.flyway.enabled=false")),

	/** Flyway with N SQL files. */
	FLYWAY_SQL("flyway-sql", Tool.FLYWAY, List.of("--spring.flyway.locations=classpath:bench/flywaysql"),
			List.of("--spring.flyway.enabled=false")),

	/** Liquibase with one changelog of N changesets. */
	LIQUIBASE("liquibase", Tool.LIQUIBASE, List.of("--spring.liquibase.change-log=classpath:bench/liquibase/changelog.xml"),
			List.of("--spring.liquibase.enabled=false")),

	/** Plain JDBC, no Spring: the same N statements, each in a transaction with one tracking INSERT. */
	FLOOR("floor", null, List.of(), List.of()),

	/**
	 * The floor's statements run by one bean of the same Spring Boot app, with no tool on the classpath: what any
	 * migration inside a Spring Boot app costs over the plain floor. Opt-in: not in the default list.
	 */
	SPRING_FLOOR("spring-floor", null, List.of(), List.of());

	/** The variants run when {@code --variants} is not given. */
	static final String DEFAULTS = "starter,flyway-java,flyway-sql,liquibase,floor";

	final String label;

	final Tool tool;

	final List<String> properties;

	final List<String> offProperties;

	/**
	 * Whether the app is processed ahead of time: conditions are then decided at build time, so the harness processes
	 * it twice, with {@link #properties} (for the apply and no-op runs) and with {@link #offProperties} added (for the
	 * tool-off run).
	 */
	final boolean aot;

	Variant(String label, Tool tool, List<String> properties, List<String> offProperties) {
		this(label, tool, properties, offProperties, false);
	}

	Variant(String label, Tool tool, List<String> properties, List<String> offProperties, boolean aot) {
		this.label = label;
		this.tool = tool;
		this.properties = properties;
		this.offProperties = offProperties;
		this.aot = aot;
	}

	boolean isFloor() {
		return this == FLOOR;
	}

	/** Whether the variant starts again on its migrated database (no-op restarts): the tools do, the floors do not. */
	boolean restarts() {
		return this != FLOOR && this != SPRING_FLOOR;
	}

	static Variant of(String label) {
		for (Variant variant : values()) {
			if (variant.label.equals(label)) {
				return variant;
			}
		}
		throw new IllegalArgumentException("Unknown variant '" + label + "'");
	}

	/** The jars that belong to one tool (the tool, its Spring Boot module, and what only it pulls in). */
	enum Tool {

		STARTER("/migrations-spring-boot-"),

		FLYWAY("/org/flywaydb/", "/spring-boot-flyway/", "/tools/jackson/", "/com/fasterxml/jackson/"),

		LIQUIBASE("/org/liquibase/", "/spring-boot-liquibase/", "/org/yaml/", "/org/apache/commons/", "/commons-io/",
				"/com/opencsv/", "/javax/xml/bind/");

		private final List<String> patterns;

		Tool(String... patterns) {
			this.patterns = List.of(patterns);
		}

		boolean owns(String path) {
			return this.patterns.stream().anyMatch(path::contains);
		}

	}

}
