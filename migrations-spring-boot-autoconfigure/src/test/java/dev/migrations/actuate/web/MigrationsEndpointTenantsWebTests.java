package dev.migrations.actuate.web;

import java.util.List;
import java.util.Map;

import dev.migrations.core.Fleet;
import dev.migrations.core.FleetReport;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of three schema tenants, one of them failing, over real HTTP: the paged summary in
 * {@code /actuator/migrations}, one tenant in {@code /actuator/migrations/tenants/{name}}, the health indicator and
 * the per-state gauge.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "migrations.scan-packages=dev.migrations.actuate.fixtures.ok",
				"migrations.tenants.schemas=acme,globex,initech", "migrations.tenants.on-startup=default",
				"management.endpoints.web.exposure.include=health,migrations,metrics",
				"management.endpoint.health.show-details=always", "spring.application.name=gadgets" })
@DirtiesContext
class MigrationsEndpointTenantsWebTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	@BeforeAll
	static void tableInTheWayOfInitech() {
		db.jdbc().execute("CREATE SCHEMA initech");
		db.jdbc().execute("CREATE TABLE initech.gadgets (other text)");
	}

	@LocalServerPort
	int port;

	@Autowired
	Fleet fleet;

	private Http http() {
		return new Http(this.port);
	}

	@Test
	void summaryDetailHealthAndMetricsOfTheFleet() {
		FleetReport report = this.fleet.migrate();
		assertThat(report.failed()).singleElement().satisfies((failed) -> assertThat(failed.tenant()).isEqualTo("initech"));

		Http.Response summary = http().get("/actuator/migrations?size=1");
		assertThat(summary.status()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> tenants = (Map<String, Object>) summary.json().get("tenants");
		assertThat(tenants).containsEntry("total", 3).containsEntry("page", 0).containsEntry("size", 1);
		assertThat(tenants.get("counts")).isEqualTo(Map.of("UP_TO_DATE", 2, "PENDING", 0, "FAILED", 1));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> behind = (List<Map<String, Object>>) tenants.get("notUpToDate");
		assertThat(behind).singleElement().satisfies((tenant) -> {
			assertThat(tenant).containsEntry("name", "initech").containsEntry("state", "FAILED").containsEntry("pending", 2);
			assertThat((String) tenant.get("error")).contains("20260601100000_create_gadgets");
		});
		assertThat(Http.Response.migrator(summary.json(), "migrator")).containsEntry("schema", "public");

		Http.Response acme = http().get("/actuator/migrations/tenants/{name}", "acme");
		assertThat(acme.status()).isEqualTo(200);
		assertThat(acme.json()).containsEntry("name", "acme").containsEntry("lastState", "CHANGED");
		@SuppressWarnings("unchecked")
		Map<String, Object> migrations = (Map<String, Object>) acme.json().get("migrations");
		assertThat(migrations).containsEntry("schema", "acme")
			.containsEntry("current", "20260601100100_add_gadget_name");
		assertThat(http().get("/actuator/migrations/tenants/{name}", "nobody").status()).isEqualTo(404);
		assertThat(http().get("/actuator/migrations/{id}", "20260601100000_create_gadgets").status()).isEqualTo(200);

		Http.Response health = http().get("/actuator/health/migrationsTenants");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json()).containsEntry("status", "DOWN");
		assertThat(health.json().get("details")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("failedTenants", 1);

		Http.Response failedGauge = http().get("/actuator/metrics/migrations.tenants?tag=state:failed");
		assertThat(failedGauge.status()).isEqualTo(200);
		assertThat(failedGauge.text()).contains("\"value\":1.0");
	}

}
