package dev.migrations.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class, DataSourceAutoConfiguration.class));

	@Test
	void withoutDataSourceUrlTheApplicationRunsOnARealEmbeddedPostgres() throws IOException {
		int[] port = { freePort() };
		String[] dataDirectory = new String[1];
		// The port property is checked here too (the sample's test covers the default, a free port).
		this.contextRunner.withPropertyValues("migrations.embedded-postgres.port=" + port[0]).run((context) -> {
			assertThat(context).hasSingleBean(EmbeddedPostgresServer.class).hasSingleBean(DataSource.class);
			EmbeddedPostgresServer server = context.getBean(EmbeddedPostgresServer.class);
			assertThat(server.port()).isEqualTo(port[0]);
			dataDirectory[0] = server.dataDirectory().toString();
			// Boot's usual pool, on the embedded server's postgres database.
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port[0] + "/postgres");
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			assertThat(jdbc.queryForObject("SHOW server_version", String.class)).startsWith("15.")
				.isEqualTo(server.version());
			jdbc.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
			assertThat(jdbc.queryForObject("SELECT count(*) FROM orders", Integer.class)).isZero();
		});
		// Closed with the context: the server is gone and so is its data directory.
		assertThatThrownBy(() -> connect(port[0])).isInstanceOf(SQLException.class);
		assertThat(new java.io.File(dataDirectory[0])).doesNotExist();
	}

	@Test
	void aConfiguredDataSourceUrlWins() {
		this.contextRunner.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/app")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class)
				.hasSingleBean(DataSource.class));
	}

	@Test
	void anApplicationDataSourceWins() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class));
	}

	@Test
	void connectionDetailsOfTheApplicationWin() {
		// What Testcontainers' @ServiceConnection contributes.
		JdbcConnectionDetails details = new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "app";
			}

			@Override
			public String getPassword() {
				return "";
			}

			@Override
			public String getJdbcUrl() {
				return "jdbc:postgresql://127.0.0.1:1/app";
			}

		};
		this.contextRunner.withBean(JdbcConnectionDetails.class, () -> details)
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class)
				.getBean(JdbcConnectionDetails.class)
				.isSameAs(details));
	}

	@Test
	void canBeSwitchedOff() {
		// Without it (and without a URL) Boot's own DataSource would fail: look at this auto-configuration alone.
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddedPostgresAutoConfiguration.class))
			.withPropertyValues("migrations.embedded-postgres.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class));
	}

	@Test
	void refusesToStartOnACloudPlatform() {
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=kubernetes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spring.datasource.url is not set and the application runs on KUBERNETES")
				.hasMessageContaining("migrations-spring-boot-embedded-postgres"));
	}

	@Test
	void refusesWhenTheUrlIsSetAfterTheConditionWasDecidedAtBuildTime() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://db:5432/app");
		assertThatIllegalStateException()
			.isThrownBy(() -> EmbeddedPostgresAutoConfiguration.refuseOutsideDevelopment(environment))
			.withMessageContaining("rebuild it without migrations-spring-boot-embedded-postgres");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	private static Connection connect(int port) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
	}

}
