package dev.migrations.sample;

import java.util.List;
import java.util.Map;

import dev.migrations.core.MigrationFailedException;
import dev.migrations.core.Migrator;
import dev.migrations.sample.db.AddRefundReasonToOrders;
import dev.migrations.sample.db.CreateOrders;
import dev.migrations.sample.db.CreateUsers;
import dev.migrations.sampletest.ExtraMigrations;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static dev.migrations.sampletest.ExtraMigrations.BACKFILL;
import static dev.migrations.sampletest.ExtraMigrations.LEGACY;
import static dev.migrations.sampletest.ExtraMigrations.NOTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The sample app on a random port, its {@code /actuator/migrations} read with a real HTTP client, on a database where
 * migrations are applied, pending, failed and missing: an older release applied a migration this one no longer has,
 * and a non-transactional migration failed midway. The app starts with {@code migrations.on-startup=none}, as a
 * replica does when a job migrates.
 */
@SpringBootTest(classes = { SampleApplication.class, ExtraMigrations.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "migrations.on-startup=none", "migrations.seeders.enabled=false",
				"spring.security.user.password=test-secret" })
@DirtiesContext
class MigrationsEndpointTests {

	private static final String USERS = "20260501120000_create_users";

	private static final String ORDERS = "20260501120100_create_orders";

	private static final String REFUND = "20260502090000_add_refund_reason_to_orders";

	private static final String ROLES = "20260503100000_create_roles";

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	static String failure;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	/** The previous release: it had the legacy migration, and its run failed at the backfill. */
	@BeforeAll
	static void previousRelease() {
		Migrator previous = Migrator.builder(db.dataSource())
			.migrations(List.of(new ExtraMigrations.LegacyAuditLog(), new CreateUsers(), new CreateOrders(),
					new AddRefundReasonToOrders(), new ExtraMigrations.BackfillOrderTotals()))
			.application("orders-service")
			.appliedBy("build-agent-7")
			.build();
		failure = catchThrowableOfType(MigrationFailedException.class, previous::migrate).getMessage();
	}

	@LocalServerPort
	int port;

	private RestClient client(boolean authenticated) {
		return RestClient.builder().baseUrl("http://localhost:" + this.port).defaultHeaders((headers) -> {
			if (authenticated) {
				headers.setBasicAuth("ops", "test-secret");
			}
		}).defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
		}).build();
	}

	private ResponseEntity<Map<String, Object>> get(String path, Object... variables) {
		return client(true).get().uri(path, variables).retrieve().toEntity(new ParameterizedTypeReference<>() {
		});
	}

	@Test
	void listShowsEveryStateFieldByField() {
		ResponseEntity<Map<String, Object>> response = get("/actuator/migrations");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		// Keyed like Spring Boot's Flyway endpoint: contexts -> context id -> migrators -> bean name.
		assertThat(response.getBody()).containsOnlyKeys("contexts");
		Map<String, Object> json = migrator(response.getBody());
		assertThat(json).containsEntry("schema", "public")
			.containsEntry("table", "schema_migrations")
			.containsEntry("current", REFUND)
			.doesNotContainKey("lock");
		assertThat(json.get("counts")).isEqualTo(Map.of("APPLIED", 3, "PENDING", 2, "OUT_OF_ORDER", 0, "FAILED", 1,
				"RUNNING", 0, "MISSING", 1, "MODIFIED", 0));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> migrations = (List<Map<String, Object>>) json.get("migrations");
		assertThat(migrations).extracting((m) -> m.get("id"))
			.containsExactly(LEGACY, USERS, ORDERS, REFUND, BACKFILL, ROLES, NOTES);

		Map<String, Object> missing = migrations.get(0);
		assertThat(missing).containsEntry("id", LEGACY)
			.containsEntry("description", "create audit log")
			.containsEntry("state", "MISSING")
			.containsEntry("batch", 1)
			.containsEntry("appliedBy", "build-agent-7")
			.containsEntry("application", "orders-service")
			.containsEntry("transactional", true)
			.containsKeys("appliedAt", "executionTimeMs")
			.doesNotContainKey("reversible");

		Map<String, Object> applied = migrations.get(1);
		assertThat(applied).containsEntry("id", USERS)
			.containsEntry("description", "create users")
			.containsEntry("state", "APPLIED")
			.containsEntry("batch", 1)
			.containsEntry("appliedBy", "build-agent-7")
			.containsEntry("application", "orders-service")
			.containsEntry("transactional", true)
			.containsEntry("reversible", true);
		assertThat((String) applied.get("appliedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
		assertThat(applied.get("executionTimeMs")).isInstanceOf(Integer.class);

		Map<String, Object> failed = migrations.get(4);
		assertThat(failed).containsEntry("id", BACKFILL)
			.containsEntry("description", "backfill order totals")
			.containsEntry("state", "FAILED")
			.containsEntry("batch", 1)
			.containsEntry("transactional", false)
			.containsEntry("reversible", false)
			.containsKeys("appliedAt", "executionTimeMs");

		Map<String, Object> pending = migrations.get(6);
		assertThat(pending).isEqualTo(Map.of("id", NOTES, "description", "add order notes", "state", "PENDING",
				"transactional", true, "reversible", true));
	}

	/** The application's one migrator in {@code GET /actuator/migrations}. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> migrator(Map<String, Object> json) {
		Map<String, Object> contexts = (Map<String, Object>) json.get("contexts");
		assertThat(contexts).containsOnlyKeys("orders-service");
		Map<String, Object> context = (Map<String, Object>) contexts.get("orders-service");
		Map<String, Object> migrators = (Map<String, Object>) context.get("migrators");
		assertThat(migrators).containsOnlyKeys("migrator");
		return (Map<String, Object>) migrators.get("migrator");
	}

	@Test
	void detailShowsTheSqlAndTheError() {
		Map<String, Object> applied = get("/actuator/migrations/{id}", ORDERS).getBody();
		assertThat(applied).containsEntry("id", ORDERS).containsEntry("state", "APPLIED").doesNotContainKey("error");
		assertThat((String) applied.get("script")).contains("CREATE TABLE \"orders\"")
			.contains("CREATE INDEX \"orders_status_created_at_idx\"");
		assertThat(applied).containsKeys("startedAt", "appliedAt", "executionTimeMs", "appliedBy", "batch");

		Map<String, Object> failed = get("/actuator/migrations/{id}", BACKFILL).getBody();
		assertThat(failed).containsEntry("state", "FAILED");
		assertThat((String) failed.get("error")).contains("division by zero");
		assertThat(failure).contains((String) failed.get("error"));
		assertThat((String) failed.get("script")).contains("CREATE TABLE order_totals");

		Map<String, Object> pending = get("/actuator/migrations/{id}", NOTES).getBody();
		assertThat(pending).containsEntry("state", "PENDING").doesNotContainKeys("script", "error", "appliedAt");

		Map<String, Object> missing = get("/actuator/migrations/{id}", LEGACY).getBody();
		assertThat(missing).containsEntry("state", "MISSING");
		assertThat((String) missing.get("script")).contains("CREATE TABLE audit_log");

		assertThat(get("/actuator/migrations/{id}", "20990101000000_unknown").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void healthIsDownAndTheReplicaNotReady() {
		ResponseEntity<Map<String, Object>> health = get("/actuator/health/migrations");
		assertThat(health.getStatusCode().value()).isEqualTo(503);
		assertThat(health.getBody()).containsEntry("status", "DOWN");
		assertThat(health.getBody().get("details")).asInstanceOf(MAP)
			.containsEntry("pending", List.of(ROLES, NOTES))
			.containsKey("failed");
		ResponseEntity<Map<String, Object>> readiness = client(false).get()
			.uri("/actuator/health/readiness")
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
		assertThat(readiness.getStatusCode().value()).isEqualTo(503);
		ResponseEntity<Map<String, Object>> liveness = client(false).get()
			.uri("/actuator/health/liveness")
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
		assertThat(liveness.getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void theEndpointNeedsTheOpsRole() {
		assertThat(client(false).get().uri("/actuator/migrations").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(401);
		assertThat(client(false).post()
			.uri("/actuator/migrations")
			.body(Map.of("command", "migrate"))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(get("/actuator/migrations/{id}", NOTES).getBody()).containsEntry("state", "PENDING");
	}

}
