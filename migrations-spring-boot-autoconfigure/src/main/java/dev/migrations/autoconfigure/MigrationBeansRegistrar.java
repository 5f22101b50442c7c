package dev.migrations.autoconfigure;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.core.Seeder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Finds every {@link Migration} and {@link Seeder} class in the application's packages (or
 * {@code migrations.scan-packages}), the way Spring Data finds repositories, so that they need no {@code @Component}
 * and still get dependency injection. A migration whose {@code @MigrationId} can be read from its class file is
 * recorded in {@link ScannedMigrations} and created only when it runs; any other class found becomes a bean
 * definition. Classes that already have a bean definition (a {@code @Component}) are left alone.
 */
class MigrationBeansRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware,
		ResourceLoaderAware {

	/** Marks the bean definitions this registrar adds, so a {@code @Bean} of the same class wins over them. */
	static final String SCANNED_ATTRIBUTE = MigrationBeansRegistrar.class.getName() + ".scanned";

	/** The bean that holds the scanned {@code @MigrationId} classes. */
	static final String SCANNED_MIGRATIONS_BEAN = "dev.migrations.autoconfigure.scannedMigrations";

	private BeanFactory beanFactory;

	private Environment environment;

	private ResourceLoader resourceLoader;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Set<String> defined = new HashSet<>();
		for (String name : registry.getBeanDefinitionNames()) {
			String className = registry.getBeanDefinition(name).getBeanClassName();
			if (className != null) {
				defined.add(className);
			}
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				this.environment);
		scanner.setResourceLoader(this.resourceLoader);
		scanner.addIncludeFilter(new AssignableTypeFilter(Migration.class));
		// Seeders too; the environment makes the scanner honor @Profile and other @Conditional annotations.
		scanner.addIncludeFilter(new AssignableTypeFilter(Seeder.class));
		ScannedMigrations migrations = new ScannedMigrations();
		for (String basePackage : packages()) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String className = candidate.getBeanClassName();
				if (className == null || !defined.add(className)) {
					continue;
				}
				String name = AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry);
				String id = declaredMigrationId(candidate);
				if (id != null) {
					// Its id is known from the class file: it is created only when it has to run.
					migrations.add(name, className, id);
					continue;
				}
				candidate.setAttribute(SCANNED_ATTRIBUTE, Boolean.TRUE);
				registry.registerBeanDefinition(registry.containsBeanDefinition(name) ? className : name, candidate);
			}
		}
		registry.registerBeanDefinition(SCANNED_MIGRATIONS_BEAN,
				BeanDefinitionBuilder.genericBeanDefinition(ScannedMigrations.class, () -> migrations)
					.setRole(BeanDefinition.ROLE_INFRASTRUCTURE)
					.getBeanDefinition());
	}

	/** The id of a scanned {@link Migration} class annotated {@code @MigrationId}, read without loading it. */
	private static @Nullable String declaredMigrationId(BeanDefinition candidate) {
		if (candidate instanceof AnnotatedBeanDefinition annotated) {
			Map<String, @Nullable Object> attributes = annotated.getMetadata()
				.getAnnotationAttributes(MigrationId.class.getName());
			if (attributes != null && attributes.get("value") instanceof String id) {
				return id;
			}
		}
		return null;
	}

	private List<String> packages() {
		List<String> configured = Binder.get(this.environment)
			.bind("migrations.scan-packages", Bindable.listOf(String.class))
			.orElse(List.of());
		if (!configured.isEmpty()) {
			return configured;
		}
		return AutoConfigurationPackages.has(this.beanFactory) ? AutoConfigurationPackages.get(this.beanFactory)
				: List.of();
	}

}
