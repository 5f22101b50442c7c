package dev.migrations.autoconfigure;

import java.util.List;

import dev.migrations.index.MigrationIndex;
import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.core.NativeDetector;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts a {@link MigrationIndexPrefetch} as soon as the environment says which packages are scanned, and hands it to
 * the application context's bean factory, where {@link MigrationBeansRegistrar} takes it. It starts only when there is
 * something to gain: migrations on, a build-time index on the class path, the scan not done at build time (Spring AOT),
 * more than one processor (as for Spring Boot's background pre-initialization, which
 * {@code -Dspring.backgroundpreinitializer.ignore=true} switches off together with this).
 */
class MigrationIndexPrefetchEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Spring Boot's switch for its background pre-initialization, honored here too. */
	private static final String IGNORE_PROPERTY = "spring.backgroundpreinitializer.ignore";

	private final ConfigurableBootstrapContext bootstrapContext;

	MigrationIndexPrefetchEnvironmentPostProcessor(ConfigurableBootstrapContext bootstrapContext) {
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public int getOrder() {
		// After the config data (application.properties) is loaded: migrations.scan-packages may be set there.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (Boolean.getBoolean(IGNORE_PROPERTY) || AotDetector.useGeneratedArtifacts() || NativeDetector.inNativeImage()
				|| Runtime.getRuntime().availableProcessors() <= 1
				|| !environment.getProperty("migrations.enabled", Boolean.class, true)) {
			return;
		}
		ClassLoader classLoader = application.getClassLoader();
		if (classLoader == null || classLoader.getResource(MigrationIndex.LOCATION) == null) {
			return;
		}
		List<String> packages = ScanPackages.configured(environment);
		if (packages.isEmpty()) {
			// What @SpringBootApplication makes the auto-configuration package; another one is listed by the registrar.
			Class<?> mainClass = application.getMainApplicationClass();
			if (mainClass == null) {
				return;
			}
			packages = List.of(mainClass.getPackageName());
		}
		MigrationIndexPrefetch prefetch = MigrationIndexPrefetch.start(classLoader, packages);
		this.bootstrapContext.addCloseListener((event) -> event.getApplicationContext()
			.getBeanFactory()
			.registerSingleton(MigrationIndexPrefetch.BEAN_NAME, prefetch));
	}

}
