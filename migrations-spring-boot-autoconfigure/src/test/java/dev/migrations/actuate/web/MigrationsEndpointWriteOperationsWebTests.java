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

import static dev.migrations.actuate.web.MigrationsEndpointReadOnlyWebTests.measurement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The write operations with {@code migrations.endpoint.write-operations-enabled=true}, over real HTTP, on an
 * application that applies nothing at startup: migrate step by step, a failed migration (its detail, health and the
 * failure metric), resolving it, undo, and bad requests.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"migrations.scan-packages=dev.migrations.actuate.fixtures.ok,dev.migrations.actuate.fixtures.failing",
				"migrations.on-startup=none", "migrations.endpoint.write-operations-enabled=true",
				"migrations.endpoint.allow-unsecured-writes=true", "migrations.endpoint.max-steps=2",
				"management.endpoints.web.exposure.include=health,migrations,metrics",
				"management.endpoint.health.show-details=always" })
@DirtiesContext
class MigrationsEndpointWriteOperationsWebTests {

	private static final String CREATE = "20260601100000_create_gadgets";

	private static final String NAME = "20260601100100_add_gadget_name";

	private static final String BACKFILL = "20260601100200_backfill_gadgets";

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	@LocalServerPort
	int port;

	@Test
	void commandsRunThroughTheEndpoint() {
		Http http = new Http(this.port);

		// Nothing applied at startup: pending, and health says out of service.
		Http.Response health = http.get("/actuator/health/migrations");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json()).containsEntry("status", "OUT_OF_SERVICE");
		assertThat(health.json().get("details")).asInstanceOf(MAP)
			.containsEntry("pending", List.of(CREATE, NAME, BACKFILL));

		// migrate one step
		Http.Response step = http.post("/actuator/migrations", Map.of("command", "migrate", "step", 1));
		assertThat(step.status()).as(step.text()).isEqualTo(200);
		assertThat(step.json()).containsEntry("command", "migrate")
			.containsEntry("success", true)
			.containsEntry("migrations", List.of(CREATE))
			.containsEntry("batch", 1);
		assertThat(state(http, CREATE)).isEqualTo("APPLIED");

		// migrate the rest: the non-transactional backfill fails midway
		Http.Response rest = http.post("/actuator/migrations", Map.of("command", "migrate"));
		assertThat(rest.status()).as(rest.text()).isEqualTo(500);
		assertThat(rest.json()).containsEntry("success", false);
		assertThat((String) rest.json().get("error")).contains(BACKFILL).contains("division by zero");
		Http.Response failed = http.get("/actuator/migrations/{id}", BACKFILL);
		assertThat(failed.json()).containsEntry("state", "FAILED").containsEntry("transactional", false);
		assertThat((String) failed.json().get("error")).contains("division by zero");
		assertThat((String) failed.json().get("script")).contains("CREATE TABLE gadget_log");
		assertThat(state(http, NAME)).isEqualTo("APPLIED");

		Http.Response down = http.get("/actuator/health/migrations");
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.json()).containsEntry("status", "DOWN");
		assertThat(down.json().get("details")).asInstanceOf(MAP).extractingByKey("failed").asInstanceOf(MAP)
			.containsKey(BACKFILL);

		Http.Response failures = http.get("/actuator/metrics/migrations.execution?tag=outcome:failure");
		assertThat(measurement(failures, "COUNT")).isEqualTo(1.0);
		assertThat(measurement(http.get("/actuator/metrics/migrations.execution?tag=outcome:success"), "COUNT"))
			.isEqualTo(2.0);
		assertThat(measurement(http.get("/actuator/metrics/migrations.failed"), "VALUE")).isEqualTo(1.0);

		// resolve it by hand: the table it made is dropped, its row removed, and it is pending again
		db.jdbc().execute("DROP TABLE gadget_log");
		Http.Response rolledBack = http.post("/actuator/migrations", Map.of("command", "mark-rolled-back"));
		assertThat(rolledBack.status()).as(rolledBack.text()).isEqualTo(200);
		assertThat(rolledBack.json()).containsEntry("migrations", List.of(BACKFILL));
		assertThat(state(http, BACKFILL)).isEqualTo("PENDING");

		// complete it by hand and mark it applied, up to its id
		db.jdbc().execute("CREATE TABLE gadget_log (id int)");
		Http.Response marked = http.post("/actuator/migrations", Map.of("command", "mark-applied", "to", BACKFILL));
		assertThat(marked.status()).as(marked.text()).isEqualTo(200);
		assertThat(marked.json()).containsEntry("migrations", List.of(BACKFILL));
		assertThat(http.get("/actuator/health/migrations").json()).containsEntry("status", "UP");

		// undo down to the first migration would undo 3, more than migrations.endpoint.max-steps=2: 400, nothing undone
		Http.Response tooMany = http.post("/actuator/migrations", Map.of("command", "undo", "to", CREATE));
		assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(400);
		assertThat((String) tooMany.json().get("error")).contains("would undo 3 migrations")
			.contains("migrations.endpoint.max-steps");
		assertThat(state(http, CREATE)).isEqualTo("APPLIED");

		// a command that refuses to run: 409 with the reason, nothing undone
		Http.Response refused = http.post("/actuator/migrations", Map.of("command", "undo", "to", "20990101000000_unknown"));
		assertThat(refused.status()).as(refused.text()).isEqualTo(409);
		assertThat((String) refused.json().get("error")).contains("20990101000000_unknown");
		assertThat(state(http, BACKFILL)).isEqualTo("APPLIED");

		// undo two steps
		Http.Response undoTwo = http.post("/actuator/migrations", Map.of("command", "undo", "step", 2));
		assertThat(undoTwo.status()).as(undoTwo.text()).isEqualTo(200);
		assertThat(undoTwo.json()).containsEntry("migrations", List.of(BACKFILL, NAME));
		assertThat(state(http, CREATE)).isEqualTo("APPLIED");
		assertThat(state(http, NAME)).isEqualTo("PENDING");
		assertThat(measurement(http.get("/actuator/metrics/migrations.execution?tag=direction:down"), "COUNT"))
			.isEqualTo(2.0);
	}

	@Test
	void badRequestsAreRefusedWithTheReason() {
		Http http = new Http(this.port);
		Http.Response unknown = http.post("/actuator/migrations", Map.of("command", "drop-everything"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat((String) unknown.json().get("error")).contains("drop-everything");
		Http.Response undoAll = http.post("/actuator/migrations", Map.of("command", "undo-all"));
		assertThat(undoAll.status()).isEqualTo(400);
		Http.Response status = http.post("/actuator/migrations", Map.of("command", "status"));
		assertThat(status.status()).isEqualTo(400);
		Http.Response both = http.post("/actuator/migrations", Map.of("command", "undo", "step", 1, "to", CREATE));
		assertThat(both.status()).isEqualTo(400);
		// The same message as the command line's (CommandLineTests in the sample app).
		assertThat(both.json()).containsEntry("error", "'undo' takes 'to' or 'step', not both");
		Http.Response zero = http.post("/actuator/migrations", Map.of("command", "undo", "step", 0));
		assertThat(zero.status()).isEqualTo(400);
		assertThat(zero.json()).containsEntry("error", "'step' must be at least 1, was 0");
		Http.Response missing = http.post("/actuator/migrations", Map.of("step", 1));
		assertThat(missing.status()).isEqualTo(400);
		// diff is off unless migrations.endpoint.diff-enabled is set as well.
		Http.Response diff = http.post("/actuator/migrations", Map.of("command", "diff"));
		assertThat(diff.status()).isEqualTo(400);
		assertThat((String) diff.json().get("error")).contains("migrations.endpoint.diff-enabled=true");
	}

	@Test
	void undoAllOverHttpIsBoundedAndEchoedInputIsCut() {
		Http http = new Http(this.port);
		Http.Response all = http.post("/actuator/migrations", Map.of("command", "undo", "step", Integer.MAX_VALUE));
		assertThat(all.status()).as(all.text()).isEqualTo(400);
		assertThat((String) all.json().get("error")).contains("2147483647")
			.contains("migrations.endpoint.max-steps")
			.contains("more than the 2");

		String huge = "2".repeat(10 * 1024 * 1024);
		Http.Response to = http.post("/actuator/migrations", Map.of("command", "undo", "to", huge));
		assertThat(to.status()).isEqualTo(400);
		assertThat(to.body().length).isLessThan(1_000);
		assertThat((String) to.json().get("error")).contains("(10485760 characters)");
		Http.Response command = http.post("/actuator/migrations", Map.of("command", huge));
		assertThat(command.status()).isEqualTo(400);
		assertThat(command.body().length).isLessThan(2_000);
	}

	private static Object state(Http http, String id) {
		return http.get("/actuator/migrations/{id}", id).json().get("state");
	}

}
