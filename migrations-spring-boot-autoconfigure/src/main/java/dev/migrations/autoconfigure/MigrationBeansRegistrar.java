package dev.migrations.autoconfigure;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.migrations.core.Migration;
import dev.migrations.core.Seeder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
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
 * Registers every {@link Migration} and {@link Seeder} class found in the application's packages (or {@code migrations.scan-packages})
 * as a bean, the way Spring Data finds repositories, so migrations need no annotation and still get dependency
 * injection. Classes that already have a bean definition (a {@code @Component}) are left alone.
 */
class MigrationBeansRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware,
		ResourceLoaderAware {

	/** Marks the bean definitions this registrar adds, so a {@code @Bean} of the same class wins over them. */
	static final String SCANNED_ATTRIBUTE = MigrationBeansRegistrar.class.getName() + ".scanned";

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
		for (String basePackage : packages()) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String className = candidate.getBeanClassName();
				if (className == null || !defined.add(className)) {
					continue;
				}
				candidate.setAttribute(SCANNED_ATTRIBUTE, Boolean.TRUE);
				String name = AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry);
				registry.registerBeanDefinition(registry.containsBeanDefinition(name) ? className : name, candidate);
			}
		}
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
