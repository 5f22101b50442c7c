package dev.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.migrations.core.Migration;
import org.springframework.aot.AotDetector;
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
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds every {@link Migration} and {@link Seeder} class in the application's packages (or
 * {@code migrations.scan-packages}), the way Spring Data finds repositories, so that they need no {@code @Component}
 * and still get dependency injection. A migration whose {@code @MigrationId} can be read from its class file is
 * recorded in {@link ScannedMigrations} and created only when it runs; any other class found becomes a bean
 * definition. Classes that already have a bean definition (a {@code @Component}) are left alone. A class whose short
 * bean name is taken gets its fully qualified class name.
 * <p>
 * The classes are found from the build-time index of {@code migrations-core}'s annotation processor when it matches
 * the packages' class files, and by reading the class files otherwise ({@link MigrationClassScanner}).
 * <p>
 * With Spring AOT the scan runs at build time and both kinds of result are written into the generated code; an
 * application started from that code does not scan.
 */
class MigrationBeansRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware,
		ResourceLoaderAware {

	/** Marks the bean definitions this registrar adds, so a {@code @Bean} of the same class wins over them. */
	static final String SCANNED_ATTRIBUTE = MigrationBeansRegistrar.class.getName() + ".scanned";

	private static final String SCAN_PACKAGES = "migrations.scan-packages";

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
		if (AotDetector.useGeneratedArtifacts()) {
			// The scan ran at build time; its results are in the generated bean definitions.
			return;
		}
		Set<String> defined = new HashSet<>();
		for (String name : registry.getBeanDefinitionNames()) {
			String className = registry.getBeanDefinition(name).getBeanClassName();
			if (className != null) {
				defined.add(className);
			}
		}
		MigrationClassScanner scanner = new MigrationClassScanner(this.environment, this.resourceLoader);
		List<ScannedMigrations.Candidate> candidates = new ArrayList<>();
		Set<String> candidateNames = new HashSet<>();
		for (String basePackage : packages()) {
			for (MigrationClassScanner.Found found : scanner.find(basePackage)) {
				String className = found.className();
				if (!defined.add(className)) {
					continue;
				}
				BeanDefinition candidate = found.definition();
				String generated = (candidate != null)
						? AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry)
						: defaultBeanName(className);
				String name = uniqueName(generated, className, registry, candidateNames);
				if (found.id() != null) {
					// Its id is known from the class file or the index: it is created only when it has to run.
					candidates.add(new ScannedMigrations.Candidate(name, className, found.id(), found.checksum(),
							found.plain()));
					candidateNames.add(name);
					continue;
				}
				if (candidate == null) {
					continue;
				}
				candidate.setAttribute(SCANNED_ATTRIBUTE, Boolean.TRUE);
				registry.registerBeanDefinition(name, candidate);
			}
		}
		registry.registerBeanDefinition(SCANNED_MIGRATIONS_BEAN, ScannedMigrations.beanDefinition(candidates));
	}

	/**
	 * The name {@link AnnotationBeanNameGenerator} gives a class without a {@code @Component} name: its short name,
	 * uncapitalized as a property. Computed from the class name for a migration that the index recorded, for which no
	 * bean definition is made.
	 */
	private static String defaultBeanName(String className) {
		return StringUtils.uncapitalizeAsProperty(ClassUtils.getShortName(className));
	}

	/**
	 * The bean name of a scanned class: the short name Spring would give it or, when a bean or another scanned class
	 * (of the same simple name, in another package) has it already, the class name, which is unique.
	 */
	private static String uniqueName(String generated, String className, BeanDefinitionRegistry registry,
			Set<String> candidateNames) {
		boolean taken = registry.containsBeanDefinition(generated) || candidateNames.contains(generated);
		return taken ? className : generated;
	}

	private List<String> packages() {
		// The plain property first: binding (which also reads the indexed form, scan-packages[0]) costs a noticeable
		// part of a cold start, and the common forms are a comma-separated value or none.
		String value = this.environment.getProperty(SCAN_PACKAGES);
		if (value != null) {
			List<String> configured = new ArrayList<>();
			for (String name : StringUtils.commaDelimitedListToStringArray(value)) {
				if (!name.isBlank()) {
					configured.add(name.strip());
				}
			}
			if (!configured.isEmpty()) {
				return configured;
			}
		}
		else if (this.environment.containsProperty(SCAN_PACKAGES + "[0]")) {
			List<String> configured = Binder.get(this.environment)
				.bind(SCAN_PACKAGES, Bindable.listOf(String.class))
				.orElse(List.of());
			if (!configured.isEmpty()) {
				return configured;
			}
		}
		return AutoConfigurationPackages.has(this.beanFactory) ? AutoConfigurationPackages.get(this.beanFactory)
				: List.of();
	}

}
