package dev.migrations.testing;

import java.util.Objects;

import dev.migrations.core.Migrator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;

/**
 * The copy of a migrated template that one test context's DataSource points at: created when the context builds its
 * {@link Migrator}, dropped when the context closes (after its connection pool, which closes first).
 */
final class MigratedDatabaseCopy implements DisposableBean {

	private static final Log logger = LogFactory.getLog(MigratedDatabaseCopy.class);

	static final String BEAN_NAME = "dev.migrations.testing.migratedDatabaseCopy";

	private final DatabaseServer server;

	private final String name;

	private final String url;

	private final String testClass;

	private volatile @Nullable String template;

	MigratedDatabaseCopy(DatabaseServer server, String name, String testClass) {
		this.server = server;
		this.name = name;
		this.url = server.urlOf(name);
		this.testClass = testClass;
	}

	String name() {
		return this.name;
	}

	String url() {
		return this.url;
	}

	/** The template it was copied from, {@code null} before it was created. */
	@Nullable String template() {
		return this.template;
	}

	/**
	 * Migrates the template of the migrator's migrations unless it exists, then copies it. Runs before the
	 * application's own startup migrate, which then finds every migration applied.
	 */
	synchronized void create(Migrator migrator, Environment environment) {
		if (this.template != null) {
			return;
		}
		String configured = environment.getProperty("spring.datasource.url");
		if (!Objects.equals(configured, this.url)) {
			throw new IllegalStateException("@MigratedDatabase on " + this.testClass + " pointed spring.datasource.url "
					+ "at " + this.url + ", but it was overridden with " + configured + " (a @DynamicPropertySource or "
					+ "another context customizer?). Remove the override, or remove @MigratedDatabase.");
		}
		TemplateKey key = TemplateKey.of(migrator);
		String templateName = key.templateName();
		this.server.ensureTemplate(templateName, (dataSource) -> migrator.withDataSource(dataSource).migrate());
		this.server.copy(templateName, this.name);
		this.template = templateName;
		logger.debug("Created " + this.name + " from template " + templateName + " for " + this.testClass);
	}

	@Override
	public void destroy() {
		if (this.template != null) {
			this.server.drop(this.name);
			this.template = null;
		}
	}

}
