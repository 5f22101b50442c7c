package dev.migrations.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator of the sample app has no default password: without {@code OPS_PASSWORD} one is generated for the run
 * and logged once, as Spring Boot does for its default user.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorPasswordTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final Pattern GENERATED = Pattern.compile("Using generated security password: (\\S+)");

	@Test
	void withoutOpsPasswordAPasswordIsGeneratedAndLoggedOnce(CapturedOutput output) {
		assumeTrue(System.getenv("OPS_PASSWORD") == null, "OPS_PASSWORD is set in this environment");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + db.password())) {
			Matcher matcher = GENERATED.matcher(output.getAll());
			assertThat(matcher.find()).as("generated password logged").isTrue();
			String generated = matcher.group(1);
			assertThat(matcher.find()).as("logged once").isFalse();
			assertThat(generated).isNotEqualTo("change-me").hasSizeGreaterThanOrEqualTo(32);
			int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			assertThat(status(port, "change-me")).isEqualTo(401);
			assertThat(status(port, generated)).isEqualTo(200);
		}
	}

	private static int status(int port, String password) {
		return RestClient.create("http://localhost:" + port)
			.get()
			.uri("/actuator/migrations")
			.headers((headers) -> headers.setBasicAuth("ops", password))
			.exchange((request, response) -> response.getStatusCode().value());
	}

}
