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

/**
 * {@code undo-batch} over HTTP is bounded like {@code undo}: the two migrations applied at startup are one batch,
 * more than {@code migrations.endpoint.max-steps=1}.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "migrations.scan-packages=dev.migrations.actuate.fixtures.ok",
				"migrations.endpoint.write-operations-enabled=true", "migrations.endpoint.allow-unsecured-writes=true",
				"migrations.endpoint.max-steps=1", "management.endpoints.web.exposure.include=migrations" })
@DirtiesContext
class MigrationsEndpointUndoBatchBoundWebTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	@LocalServerPort
	int port;

	@Test
	void undoBatchLargerThanTheBoundIsRefusedAndUndoesNothing() {
		Http http = new Http(this.port);
		Http.Response batch = http.post("/actuator/migrations", Map.of("command", "undo-batch"));
		assertThat(batch.status()).as(batch.text()).isEqualTo(400);
		assertThat((String) batch.json().get("error")).contains("would undo 2 migrations")
			.contains("migrations.endpoint.max-steps");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(2);
		Http.Response one = http.post("/actuator/migrations", Map.of("command", "undo"));
		assertThat(one.status()).as(one.text()).isEqualTo(200);
		assertThat(one.json().get("migrations")).asList().hasSize(1);
		assertThat(db.jdbc().queryForList("SELECT id FROM schema_migrations", String.class)).hasSize(1);
	}

}
