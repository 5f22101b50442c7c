package dev.migrations.benchmarks.harness;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness's arithmetic; no database, no processes (the benchmark itself runs with benchmarks/run.sh). */
class StatsTests {

	@Test
	void medianOfOddAndEvenCounts() {
		assertThat(Stats.of(List.of(3.0, 1.0, 2.0)).median()).isEqualTo(2.0);
		assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
	}

	@Test
	void formatsMedianWithRange() {
		assertThat(Stats.of(List.of(1.0, 5.0, 2.0)).format(1)).isEqualTo("2.0 (1.0–5.0)");
		assertThat(Stats.of(List.of()).format(1)).isEqualTo("–");
	}

	@Test
	void eachToolOwnsItsJars() {
		String flyway = "/m2/org/flywaydb/flyway-core/12.4.0/flyway-core-12.4.0.jar";
		String liquibase = "/m2/org/liquibase/liquibase-core/5.0.3/liquibase-core-5.0.3.jar";
		String starter = "/repo/migrations-spring-boot-autoconfigure/target/migrations-spring-boot-autoconfigure-0.1.0.jar";
		String shared = "/m2/org/springframework/boot/spring-boot-jdbc/4.1.1/spring-boot-jdbc-4.1.1.jar";
		assertThat(Variant.Tool.FLYWAY.owns(flyway)).isTrue();
		assertThat(Variant.Tool.LIQUIBASE.owns(liquibase)).isTrue();
		assertThat(Variant.Tool.STARTER.owns(starter)).isTrue();
		for (Variant.Tool tool : Variant.Tool.values()) {
			assertThat(tool.owns(shared)).isFalse();
		}
	}

	@Test
	void starterAotIsTheStarterProcessedAheadOfTimeAndOptIn() {
		Variant aot = Variant.of("starter-aot");
		assertThat(aot.aot).isTrue();
		assertThat(aot.tool).isEqualTo(Variant.Tool.STARTER);
		assertThat(aot.properties).isEqualTo(Variant.STARTER.properties);
		assertThat(Variant.STARTER.aot).isFalse();
		assertThat(Variant.DEFAULTS.split(",")).doesNotContain("starter-aot").contains("starter");
	}

}
