package dev.migrations.core;

import java.time.Duration;

import dev.migrations.safety.RetryPolicy;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.Timeouts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the engine's defaults, which the builders and the Spring Boot properties take from {@link Defaults}.
 */
class DefaultsTests {

	@Test
	void defaultsAreTheDocumentedOnes() {
		assertThat(Defaults.TABLE).isEqualTo("schema_migrations");
		assertThat(Defaults.SEED_TABLE).isEqualTo("schema_seeds");
		assertThat(Defaults.SEED_STORAGE).isEqualTo(SeedStorage.TABLE);
		assertThat(Defaults.LOCK_TIMEOUT).isEqualTo(Duration.ofMinutes(5));
		assertThat(Defaults.TIMEOUTS).isEqualTo(new Timeouts(Duration.ofSeconds(5), Duration.ofHours(1)));
		assertThat(Defaults.RETRY_POLICY).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30)));
		assertThat(Defaults.SAFETY_MODE).isEqualTo(SafetyMode.FAIL);
		assertThat(Defaults.VALIDATION)
			.isEqualTo(new Validation(ValidationPolicy.FAIL, ValidationPolicy.WARN, ValidationPolicy.FAIL));
	}

	@Test
	void buildersStartFromTheDefaults() {
		javax.sql.DataSource dataSource = new org.springframework.jdbc.datasource.SimpleDriverDataSource();
		Migrator migrator = Migrator.builder(dataSource).build();
		assertThat(migrator.table()).isEqualTo(Defaults.TABLE);
		MigrationSettings settings = migrator.settings();
		assertThat(settings.validation()).isEqualTo(Defaults.VALIDATION);
		assertThat(settings.safetyMode()).isEqualTo(Defaults.SAFETY_MODE);
		assertThat(settings.config().lockTimeout()).isEqualTo(Defaults.LOCK_TIMEOUT);
		assertThat(settings.config().timeouts()).isEqualTo(Defaults.TIMEOUTS);
		assertThat(settings.config().retryPolicy()).isEqualTo(Defaults.RETRY_POLICY);
		SeedRunner seeds = SeedRunner.builder(dataSource).build();
		assertThat(seeds.table()).isEqualTo(Defaults.SEED_TABLE);
		assertThat(seeds.storage()).isEqualTo(Defaults.SEED_STORAGE);
	}

}
