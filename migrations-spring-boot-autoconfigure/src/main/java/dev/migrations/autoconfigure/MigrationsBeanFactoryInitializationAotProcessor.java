package dev.migrations.autoconfigure;

import java.util.Set;
import java.util.TreeSet;

import dev.migrations.core.Migration;
import dev.migrations.core.Seeder;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Registers reflection hints, at build time, for every migration and seeder class of the application: the
 * {@link ScannedMigrations scanned} ones, which are loaded by name and created with
 * {@code AutowireCapableBeanFactory.createBean} only when they run, and the {@link Migration} and {@link Seeder}
 * beans, whose annotations and methods the engine reads.
 */
class MigrationsBeanFactoryInitializationAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Set<String> classNames = new TreeSet<>();
		for (Class<?> type : new Class<?>[] { Migration.class, Seeder.class }) {
			for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
				Class<?> beanType = beanFactory.getType(name, false);
				if (beanType != null) {
					classNames.add(ClassUtils.getUserClass(beanType).getName());
				}
			}
		}
		if (beanFactory.containsBeanDefinition(MigrationBeansRegistrar.SCANNED_MIGRATIONS_BEAN)) {
			classNames.addAll(ScannedMigrations
				.classNames(beanFactory.getBeanDefinition(MigrationBeansRegistrar.SCANNED_MIGRATIONS_BEAN)));
		}
		if (classNames.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
			classNames.forEach((className) -> MigrationsRuntimeHints.registerMigrationClass(reflection,
					TypeReference.of(className)));
		};
	}

}
