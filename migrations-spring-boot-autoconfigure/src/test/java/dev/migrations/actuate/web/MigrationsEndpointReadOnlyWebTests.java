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
 * The {@code migrations} endpoint, health and metrics over real HTTP with the defaults: read operations only.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "migrations.scan-packages=dev.migrations.actuate.fixtures.ok",
				"management.endpoints.web.exposure.include=health,migrations,metrics",
				"management.endpoint.health.show-details=always", "spring.application.name=gadgets" })
@DirtiesContext
class MigrationsEndpointReadOnlyWebTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	@LocalServerPort
	int port;

	private Http http() {
		return new Http(this.port);
	}

	@Test
	void listsTheMigrationsAppliedAtStartup() {
		Http.Response response = http().get("/actuator/migrations");
		assertThat(response.status()).isEqualTo(200);
		// Keyed like Spring Boot's Flyway endpoint: contexts -> context id -> migrators -> bean name.
		assertThat(response.json()).containsOnlyKeys("contexts");
		assertThat(response.json().get("contexts")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("gadgets")
			.extractingByKey("gadgets")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("migrators")
			.extractingByKey("migrators")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("migrator");
		Map<String, Object> json = Http.Response.migrator(response.json(), "migrator");
		assertThat(json).containsEntry("schema", "public")
			.containsEntry("table", "schema_migrations")
			.containsEntry("current", "20260601100100_add_gadget_name")
			.doesNotContainKey("lock");
		assertThat(json.get("counts")).isEqualTo(Map.of("APPLIED", 2, "PENDING", 0, "OUT_OF_ORDER", 0, "FAILED", 0,
				"RUNNING", 0, "MISSING", 0, "MODIFIED", 0));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> migrations = (List<Map<String, Object>>) json.get("migrations");
		assertThat(migrations).extracting((m) -> m.get("id"))
			.containsExactly("20260601100000_create_gadgets", "20260601100100_add_gadget_name");
		Map<String, Object> first = migrations.get(0);
		assertThat(first.keySet()).containsExactlyInAnyOrder("id", "description", "state", "batch", "appliedAt",
				"executionTimeMs", "appliedBy", "application", "transactional", "reversible");
		assertThat(first).containsEntry("description", "create gadgets")
			.containsEntry("state", "APPLIED")
			.containsEntry("batch", 1)
			.containsEntry("application", "gadgets")
			.containsEntry("transactional", true)
			.containsEntry("reversible", true);
		assertThat((String) first.get("appliedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*(Z|[+-]\\d\\d:\\d\\d)");
		assertThat(first.get("executionTimeMs")).isInstanceOf(Number.class);
		assertThat((String) first.get("appliedBy")).isNotBlank();
	}

	@Test
	void showsOneMigrationWithTheSqlItRan() {
		Http.Response response = http().get("/actuator/migrations/{id}", "20260601100000_create_gadgets");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> json = response.json();
		assertThat(json).containsEntry("id", "20260601100000_create_gadgets")
			.containsEntry("state", "APPLIED")
			.containsKeys("startedAt", "appliedAt", "executionTimeMs", "checksum")
			.doesNotContainKeys("error");
		assertThat((String) json.get("script")).contains("CREATE TABLE \"gadgets\"");
	}

	@Test
	void anUnknownIdIsNotFound() {
		assertThat(http().get("/actuator/migrations/{id}", "20990101000000_nothing").status()).isEqualTo(404);
	}

	@Test
	void writeOperationsAreAbsentAndAPostChangesNothing() {
		Map<String, Object> before = http().get("/actuator/migrations").json();
		Http.Response undo = http().post("/actuator/migrations", Map.of("command", "undo"));
		assertThat(undo.status()).isIn(404, 405);
		Http.Response undoOne = http().post("/actuator/migrations/20260601100100_add_gadget_name",
				Map.of("command", "undo"));
		assertThat(undoOne.status()).isIn(404, 405);
		assertThat(http().get("/actuator/migrations").json()).isEqualTo(before);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(2);
	}

	@Test
	void healthIsUpWhenEverythingIsApplied() {
		Http.Response response = http().get("/actuator/health/migrations");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("status", "UP");
		assertThat(response.json().get("details")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("current", "20260601100100_add_gadget_name")
			.containsEntry("counts", Map.of("APPLIED", 2));
	}

	@Test
	void metricsShowTheMigrationsRunAtStartup() {
		Http.Response execution = http().get("/actuator/metrics/migrations.execution");
		assertThat(execution.status()).isEqualTo(200);
		assertThat(measurement(execution, "COUNT")).isEqualTo(2.0);
		assertThat(measurement(execution, "TOTAL_TIME")).isNotNull();
		assertThat(execution.list("availableTags")).extracting((t) -> t.get("tag"))
			.containsExactlyInAnyOrder("migration", "direction", "outcome");
		assertThat(execution.list("availableTags")).filteredOn((t) -> t.get("tag").equals("outcome"))
			.extracting((t) -> t.get("values"))
			.containsExactly(List.of("success"));
		Http.Response one = http().get(
				"/actuator/metrics/migrations.execution?tag=migration:20260601100000_create_gadgets&tag=direction:up");
		assertThat(measurement(one, "COUNT")).isEqualTo(1.0);
		assertThat(measurement(http().get("/actuator/metrics/migrations.applied"), "VALUE")).isEqualTo(2.0);
		assertThat(measurement(http().get("/actuator/metrics/migrations.pending"), "VALUE")).isEqualTo(0.0);
		assertThat(measurement(http().get("/actuator/metrics/migrations.lock.wait"), "COUNT")).isEqualTo(1.0);
	}

	static Double measurement(Http.Response response, String statistic) {
		return response.list("measurements")
			.stream()
			.filter((m) -> m.get("statistic").equals(statistic))
			.map((m) -> ((Number) m.get("value")).doubleValue())
			.findFirst()
			.orElse(null);
	}

}
