package dev.migrations.autoconfigure;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.migrations.core.InvalidMigrationException;
import dev.migrations.core.LockTimeoutException;
import dev.migrations.core.MigrationException;
import dev.migrations.core.MigrationFailedException;
import dev.migrations.core.MigrationValidationException;
import dev.migrations.core.Migration;
import dev.migrations.dialect.LockHolder;
import dev.migrations.safety.Finding;
import dev.migrations.safety.Severity;
import dev.migrations.safety.UnsafeMigrationException;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The failure analyzers, one by one, and one startup that fails end to end with the analysis printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzersTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@Test
	void failedMigrationNamesItTheStateAndTheCommand() {
		FailureAnalysis rolledBack = new MigrationFailedFailureAnalyzer().analyze(new BeanCreationException("x",
				new MigrationFailedException("20260101000000_a", "Migration 20260101000000_a failed and was rolled back",
						new SQLException("boom"))));
		assertThat(rolledBack.getDescription()).contains("Migration 20260101000000_a failed at startup");
		assertThat(rolledBack.getAction()).contains("20260101000000_a").contains("rolled back");
		FailureAnalysis leftFailed = new MigrationFailedFailureAnalyzer().analyze(new MigrationFailedException(
				"20260101000000_b", "Non-transactional migration b failed midway; its row is marked failed",
				new SQLException("boom")));
		assertThat(leftFailed.getAction()).contains("--migrations.command=retry")
			.contains("--migrations.command=mark-applied")
			.contains("--migrations.command=mark-rolled-back");
	}

	@Test
	void lockTimeoutNamesTheHolderAndTheProperty() {
		LockHolder holder = new LockHolder(4242, "orders-service", "10.0.3.7", null, "active", "migrate");
		FailureAnalysis analysis = new LockTimeoutFailureAnalyzer()
			.analyze(new LockTimeoutException("Timed out after PT5M waiting for the migrations lock", holder));
		assertThat(analysis.getDescription()).contains("Timed out after PT5M");
		assertThat(analysis.getAction()).contains("migrations.lock.timeout")
			.contains("pg_terminate_backend(4242)")
			.contains("orders-service");
	}

	@Test
	void unsafeMigrationNamesTheCheckAndHowToAcknowledge() {
		Finding finding = new Finding("add-index-non-concurrently", Severity.ERROR, "20260101000000_a", 0,
				"CREATE INDEX i ON t (c)", "t", "c", "locks writes", "CREATE INDEX CONCURRENTLY");
		FailureAnalysis analysis = new UnsafeMigrationFailureAnalyzer()
			.analyze(new UnsafeMigrationException(List.of(finding)));
		assertThat(analysis.getDescription()).contains("add-index-non-concurrently in 20260101000000_a");
		assertThat(analysis.getAction()).contains("@Acknowledge(check = \"add-index-non-concurrently\"")
			.contains("migrations.safety.mode=warn");
	}

	@Test
	void validationAndInvalidMigrationsNameTheProperties() {
		assertThat(new MigrationValidationFailureAnalyzer()
			.analyze(new MigrationValidationException("Migration x failed earlier")).getAction())
			.contains("migrations.validation.failed");
		assertThat(new InvalidMigrationFailureAnalyzer()
			.analyze(new InvalidMigrationException("Two migrations are named 'a'")).getDescription())
			.contains("Two migrations are named 'a'");
		assertThat(new InvalidCommandFailureAnalyzer().analyze(new InvalidCommandException("Unknown migrations command"))
			.getAction()).contains("migrations.command");
	}

	@Test
	void connectionFailureNamesTheUrlWithoutThePasswordAndTheProperties() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of("spring.datasource.url", "jdbc:postgresql://db:5432/app?user=bob&password=s3cret",
							"spring.datasource.username", "bob")));
		MigrationsConnectionFailureAnalyzer analyzer = new MigrationsConnectionFailureAnalyzer(environment);
		FailureAnalysis analysis = analyzer.analyze(new MigrationException("Migrations could not connect",
				new SQLException("FATAL: password authentication failed for user \"bob\"", "28P01")));
		assertThat(analysis.getDescription()).contains("rejected the login")
			.contains("jdbc:postgresql://db:5432/app?user=bob&password=******")
			.doesNotContain("s3cret");
		assertThat(analysis.getAction()).contains("spring.datasource.url")
			.contains("spring.datasource.password")
			.contains("migrations.url");
		// The application's own database failures are not the migrations'.
		assertThat(analyzer.analyze(new IllegalStateException(new SQLException("refused", "08001")))).isNull();
		// A migration that lost its connection midway is a failed migration.
		assertThat(analyzer.analyze(new MigrationFailedException("a", "a failed", new SQLException("gone", "08006"))))
			.isNull();
		assertThat(MigrationsConnectionFailureAnalyzer.redact("jdbc:postgresql://bob:s3cret@db/app")).isEqualTo(
				"jdbc:postgresql://bob:******@db/app");
	}

	@Test
	void aFailedStartupEndsWithTheAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(BrokenApp.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
					"--spring.datasource.password=" + db.password(), "--migrations.scan-packages=dev.migrations.none"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Migration 20260501130000_broken failed at startup")
			.contains("Action:")
			.contains("Fix migration 20260501130000_broken");
	}

	@Test
	void anUnknownDatabaseEndsWithTheConnectionAnalysis(CapturedOutput output) {
		String url = db.url().replaceAll("/[^/?]+(\\?|$)", "/no_such_database_here$1");
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(BrokenApp.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + db.user(),
					"--spring.datasource.password=" + db.password(), "--migrations.scan-packages=dev.migrations.none"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Migrations could not connect to the database: the server has no such database")
			.contains("no_such_database_here")
			.contains("spring.datasource.url");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class })
	static class BrokenApp {

		@Bean
		Migration broken() {
			return new Migration() {

				@Override
				public String id() {
					return "20260501130000_broken";
				}

				@Override
				public void up(QueryInterface q) {
					q.sql("UPDATE nowhere SET x = 1");
				}

			};
		}

	}

}
