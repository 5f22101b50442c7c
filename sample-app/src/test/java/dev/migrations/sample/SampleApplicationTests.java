package dev.migrations.sample;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.migrations.core.MigrationState;
import dev.migrations.core.MigrationStatus;
import dev.migrations.core.Migrator;
import dev.migrations.test.FreshDatabase;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on an empty database: its migrations run at startup, its endpoints work on the tables they made, and
 * a restart applies nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.security.user.password=test-secret")
@DirtiesContext
class SampleApplicationTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db.registerDataSource(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	Migrator migrator;

	@Test
	void startupAppliedEveryMigrationAsOneBatch() {
		List<MigrationStatus> migrations = this.migrator.status().migrations();
		assertThat(migrations).extracting(MigrationStatus::id)
			.containsExactly("20260501120000_create_users", "20260501120100_create_orders",
					"20260502090000_add_refund_reason_to_orders", "20260503100000_create_roles");
		assertThat(migrations).extracting(MigrationStatus::state).containsOnly(MigrationState.APPLIED);
		assertThat(migrations).extracting(MigrationStatus::batch).containsOnly(1);
		assertThat(migrations).extracting(MigrationStatus::application).containsOnly("orders-service");
	}

	@Test
	void endpointsUseTheMigratedTables() {
		RestClient client = RestClient.create("http://localhost:" + this.port);
		Map<String, Object> user = client.post()
			.uri("/users")
			.body(Map.of("email", "ada@example.com", "name", "Ada"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		Number userId = (Number) user.get("id");
		ResponseEntity<Map<String, Object>> order = client.post()
			.uri("/users/{id}/orders", userId)
			.body(Map.of("total", new BigDecimal("19.90")))
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
		assertThat(order.getStatusCode().value()).isEqualTo(201);
		assertThat(order.getBody()).containsEntry("status", "pending").containsEntry("refundReason", null);
		List<Map<String, Object>> orders = client.get()
			.uri("/users/{id}/orders", userId)
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(orders).hasSize(1);
	}

	@Test
	void actuatorShowsTheStartupMigrations() {
		RestClient ops = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((headers) -> headers.setBasicAuth("ops", "test-secret"))
			.build();
		Map<String, Object> execution = ops.get()
			.uri("/actuator/metrics/migrations.execution")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(execution).containsEntry("baseUnit", "seconds");
		assertThat(execution.get("measurements")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(Map.of("statistic", "COUNT", "value", 4.0))
			.anySatisfy((m) -> assertThat(m).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("statistic", "TOTAL_TIME"));
		assertThat(execution.get("availableTags")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(Map.of("tag", "outcome", "values", List.of("success")),
					Map.of("tag", "direction", "values", List.of("up")))
			.anySatisfy((tag) -> assertThat(tag).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("tag", "migration"));
		Map<String, Object> health = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/health/readiness")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(health).containsEntry("status", "UP");
		Map<String, Object> migrate = ops.post()
			.uri("/actuator/migrations")
			.body(Map.of("command", "migrate"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(migrate).containsEntry("command", "migrate")
			.containsEntry("success", true)
			.containsEntry("migrations", List.of());
	}

	@Test
	@SuppressWarnings("unchecked")
	void actuatorListsTheSeedersAndRunsSeedCommands() {
		RestClient ops = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((headers) -> headers.setBasicAuth("ops", "test-secret"))
			.build();
		Map<String, Object> json = ops.get().uri("/actuator/migrations").retrieve().body(new ParameterizedTypeReference<>() {
		});
		Map<String, Object> seeders = (Map<String, Object>) MigrationsEndpointTests.migrator(json).get("seeders");
		assertThat(seeders).containsEntry("table", "schema_seeds").containsEntry("storage", "TABLE");
		List<Map<String, Object>> list = (List<Map<String, Object>>) seeders.get("seeders");
		// DemoCustomers is in the dev profile only.
		assertThat(list).singleElement().satisfies((seeder) -> assertThat(seeder)
			.containsEntry("id", "20260503100100_reference_roles")
			.containsEntry("runAlways", true));

		Map<String, Object> undone = ops.post()
			.uri("/actuator/migrations")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(Map.of("command", "seed-undo", "to", "20260503100100_reference_roles"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(undone).containsEntry("success", true);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM roles", Integer.class)).isZero();
		Map<String, Object> seeded = ops.post()
			.uri("/actuator/migrations")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(Map.of("command", "seed"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(seeded).containsEntry("success", true);
		assertThat(db.jdbc().queryForList("SELECT name FROM roles ORDER BY name", String.class))
			.containsExactly("admin", "customer", "support");
	}

	@Test
	void restartAppliesNothing() {
		List<Map<String, Object>> before = db.jdbc().queryForList("SELECT id, batch, finished_at FROM schema_migrations");
		// Arguments, not default properties: application.properties' datasource would win over those and the restart
		// would run against the server's postgres database instead of this test's.
		try (ConfigurableApplicationContext again = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
					"--spring.datasource.password=" + db.password())) {
			assertThat(again.getBean(Migrator.class).status().isUpToDate()).isTrue();
		}
		assertThat(db.jdbc().queryForList("SELECT id, batch, finished_at FROM schema_migrations")).isEqualTo(before);
	}

}
