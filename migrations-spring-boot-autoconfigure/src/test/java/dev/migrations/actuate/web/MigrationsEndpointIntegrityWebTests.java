package dev.migrations.actuate.web;

import java.util.List;
import java.util.Map;

import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * Integrity over real HTTP: a changed checksum shows as {@code MODIFIED}, {@code accept-checksums} records it, and
 * {@code diff} (with {@code migrations.endpoint.diff-enabled=true}) names a column added by hand.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "migrations.scan-packages=dev.migrations.actuate.fixtures.ok",
				"migrations.endpoint.write-operations-enabled=true", "migrations.endpoint.allow-unsecured-writes=true",
				"migrations.endpoint.diff-enabled=true", "management.endpoints.web.exposure.include=health,migrations" })
@DirtiesContext
class MigrationsEndpointIntegrityWebTests {

	private static final String CREATE = "20260601100000_create_gadgets";

	private static final String NAME = "20260601100100_add_gadget_name";

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	@LocalServerPort
	int port;

	@Test
	void modifiedAcceptChecksumsAndDiff() {
		Http http = new Http(this.port);
		assertThat(http.get("/actuator/migrations/{id}", CREATE).json().get("checksum")).asString().hasSize(64);

		db.jdbc().update("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE id = ?", CREATE);
		assertThat(http.get("/actuator/migrations/{id}", CREATE).json()).containsEntry("state", "MODIFIED");
		Http.Response accepted = http.post("/actuator/migrations", Map.of("command", "accept-checksums"));
		assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
		assertThat(accepted.json()).containsEntry("migrations", List.of(CREATE));
		assertThat(http.get("/actuator/migrations/{id}", CREATE).json()).containsEntry("state", "APPLIED");

		Http.Response clean = http.post("/actuator/migrations", Map.of("command", "diff"));
		assertThat(clean.status()).as(clean.text()).isEqualTo(200);
		assertThat(clean.json()).containsEntry("migrations", List.of(CREATE, NAME))
			.containsEntry("differences", List.of());

		db.jdbc().execute("ALTER TABLE gadgets ADD COLUMN added_by_hand text");
		Http.Response drifted = http.post("/actuator/migrations", Map.of("command", "diff"));
		assertThat(drifted.status()).as(drifted.text()).isEqualTo(200);
		assertThat(drifted.json().get("differences")).asInstanceOf(LIST)
			.anySatisfy((line) -> assertThat((String) line).contains("added_by_hand"));
	}

}
