package dev.migrations.autoconfigure;

import dev.migrations.core.Defaults;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh {@link MigrationsProperties} agrees with the engine's {@link Defaults}: an application that sets nothing
 * runs as a plain-Java migrator built with no options.
 */
class MigrationsPropertiesDefaultsTests {

	private final MigrationsProperties properties = new MigrationsProperties();

	@Test
	void historyTablesAndSeedStorageAreTheEngines() {
		assertThat(this.properties.getTable()).isEqualTo(Defaults.TABLE);
		assertThat(this.properties.getSeeders().getTable()).isEqualTo(Defaults.SEED_TABLE);
		assertThat(this.properties.getSeeders().getStorage()).isEqualTo(Defaults.SEED_STORAGE);
	}

	@Test
	void lockTimeoutsRetryAndSafetyModeAreTheEngines() {
		assertThat(this.properties.getLock().getTimeout()).isEqualTo(Defaults.LOCK_TIMEOUT);
		assertThat(this.properties.getSafety().toTimeouts()).isEqualTo(Defaults.TIMEOUTS);
		assertThat(this.properties.getSafety().getRetry().toRetryPolicy()).isEqualTo(Defaults.RETRY_POLICY);
		assertThat(this.properties.getSafety().toLockRetries()).isEqualTo(Defaults.LOCK_RETRIES);
		assertThat(this.properties.getSafety().getMode()).isEqualTo(Defaults.SAFETY_MODE);
	}

	@Test
	void validationPoliciesAreTheEngines() {
		assertThat(this.properties.getValidation().toValidation()).isEqualTo(Defaults.VALIDATION);
	}

}
