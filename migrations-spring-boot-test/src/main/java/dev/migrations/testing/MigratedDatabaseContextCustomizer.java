package dev.migrations.testing;

import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points the context's {@code spring.datasource.url} at a new copy's name before the context starts, switches off
 * the slices' embedded replacement of the DataSource, and registers what creates the copy (once the context's
 * migrator exists) and drops it (when the context closes). One per test class: each test class gets its own context
 * and its own copy.
 */
final class MigratedDatabaseContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE = "migratedDatabase";

	private final Class<?> testClass;

	private final String adminDatabase;

	MigratedDatabaseContextCustomizer(Class<?> testClass, MigratedDatabase annotation) {
		this.testClass = testClass;
		this.adminDatabase = annotation.adminDatabase();
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String url = environment.getProperty("spring.datasource.url");
		if (url == null || url.isBlank()) {
			throw new IllegalStateException("@MigratedDatabase on " + this.testClass.getName() + " needs "
					+ "spring.datasource.url (and username, password) to name the PostgreSQL server that holds the "
					+ "template and the copies; set it in the test's application properties or "
					+ "@SpringBootTest(properties = ...)");
		}
		DatabaseServer server = new DatabaseServer(url, environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password"), this.adminDatabase);
		MigratedDatabaseCopy copy = new MigratedDatabaseCopy(server, newCopyName(), this.testClass.getName());
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE,
					Map.of("spring.datasource.url", copy.url(), "spring.test.database.replace", "none")));
		DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
		beanFactory.registerSingleton(MigratedDatabaseCopy.BEAN_NAME, copy);
		// Registered before any bean: destroyed after all of them, the connection pool included.
		beanFactory.registerDisposableBean(MigratedDatabaseCopy.BEAN_NAME, copy);
		beanFactory.addBeanPostProcessor(new MigratedDatabaseBeanPostProcessor(copy, environment));
	}

	/** {@code mtc_} and 20 random hex characters: unique across test JVMs sharing the server. */
	private static String newCopyName() {
		UUID uuid = UUID.randomUUID();
		return "mtc_" + HexFormat.of().toHexDigits(uuid.getMostSignificantBits())
				+ HexFormat.of().toHexDigits(uuid.getLeastSignificantBits()).substring(0, 4);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof MigratedDatabaseContextCustomizer customizer)
				&& customizer.testClass.equals(this.testClass) && customizer.adminDatabase.equals(this.adminDatabase);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.testClass, this.adminDatabase);
	}

}
