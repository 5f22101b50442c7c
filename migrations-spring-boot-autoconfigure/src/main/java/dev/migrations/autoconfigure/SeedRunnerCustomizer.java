package dev.migrations.autoconfigure;

import dev.migrations.core.SeedRunner;

/**
 * Customizes the {@link SeedRunner.Builder} that the auto-configuration makes, after it has added the seeders it
 * found and the {@code migrations.*} settings, and before it builds the {@link SeedRunner}. Every bean of this type
 * is applied, in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface SeedRunnerCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder of the auto-configured seed runner
	 */
	void customize(SeedRunner.Builder builder);

}
