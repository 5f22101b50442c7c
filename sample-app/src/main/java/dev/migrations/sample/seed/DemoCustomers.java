package dev.migrations.sample.seed;

import java.util.List;
import java.util.Map;

import dev.migrations.core.Seeder;
import dev.migrations.core.SeederId;
import dev.migrations.schema.QueryInterface;
import dev.migrations.schema.Rows;
import org.springframework.context.annotation.Profile;

/**
 * Demo users with an order each, for local development only ({@code --spring.profiles.active=dev}). Tracked: it runs
 * once per database, and is idempotent anyway.
 */
@Profile("dev")
@SeederId("20260503100200_demo_customers")
public class DemoCustomers implements Seeder {

	static final List<Map<String, Object>> USERS = List.of(Map.of("email", "ada@example.com", "name", "Ada Lovelace"),
			Map.of("email", "grace@example.com", "name", "Grace Hopper"));

	@Override
	public void run(QueryInterface q) {
		Rows.of(q).insertIfAbsent("users", List.of("email"), USERS);
		for (Map<String, Object> user : USERS) {
			q.sql("INSERT INTO orders (user_id, total) SELECT u.id, 42.00 FROM users u WHERE u.email = ? "
					+ "AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)", user.get("email"));
		}
	}

	@Override
	public void undo(QueryInterface q) {
		// The users' orders go with them (ON DELETE CASCADE).
		Rows.of(q).delete("users", List.of("email"), USERS);
	}

}
