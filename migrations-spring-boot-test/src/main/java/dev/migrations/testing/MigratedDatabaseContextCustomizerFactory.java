package dev.migrations.testing;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Customizes the context of a test class annotated with {@link MigratedDatabase} (or nested in one).
 */
class MigratedDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		MigratedDatabase annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				MigratedDatabase.class);
		return (annotation != null) ? new MigratedDatabaseContextCustomizer(testClass, annotation) : null;
	}

}
