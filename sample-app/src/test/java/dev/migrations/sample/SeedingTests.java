package dev.migrations.sample;

import java.util.List;
import java.util.Map;

import dev.migrations.core.SeedRunner;
import dev.migrations.core.SeedStatus;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app started twice with {@code migrations.seeders.enabled=true}: its reference roles and (in the dev
 * profile) its demo customers are there once, however often it starts.
 */
class SeedingTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@BeforeEach
	void reset() {
		db.reset();
	}

	private ConfigurableApplicationContext start(String profile) {
		// Arguments, not default properties: they must win over application.properties' datasource.
		return new SpringApplicationBuilder(SampleApplication.class).profiles(profile)
			.run("--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
					"--spring.datasource.password=" + db.password(), "--migrations.seeders.enabled=true");
	}

	private static List<Map<String, Object>> data() {
		return db.jdbc()
			.queryForList("SELECT 'role' AS kind, name AS key FROM roles UNION ALL SELECT 'user', email FROM users "
					+ "UNION ALL SELECT 'order', user_id::text FROM orders ORDER BY 1, 2");
	}

	@Test
	void startingTwiceLeavesOneCopyOfEachRow() {
		try (ConfigurableApplicationContext first = start("dev")) {
			assertThat(first.getBean(SeedRunner.class).status().seeders()).extracting(SeedStatus::state)
				.containsOnly(SeedStatus.State.RAN);
		}
		List<Map<String, Object>> once = data();
		assertThat(once).hasSize(3 + 2 + 2);
		try (ConfigurableApplicationContext second = start("dev")) {
			assertThat(second.getBean(SeedRunner.class).status().pending()).isZero();
		}
		assertThat(data()).isEqualTo(once);
		assertThat(db.jdbc().queryForList("SELECT id, batch FROM schema_seeds ORDER BY id"))
			.containsExactly(Map.of("id", "20260503100100_reference_roles", "batch", 2),
					Map.of("id", "20260503100200_demo_customers", "batch", 1));
	}

	@Test
	void demoDataStaysOutsideTheDevProfile() {
		try (ConfigurableApplicationContext prod = start("prod")) {
			assertThat(prod.getBean(SeedRunner.class).seederIds()).containsExactly("20260503100100_reference_roles");
		}
		assertThat(db.jdbc().queryForList("SELECT name FROM roles ORDER BY name", String.class))
			.containsExactly("admin", "customer", "support");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM users", Integer.class)).isZero();
	}

}
