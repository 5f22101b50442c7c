package dev.migrations.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.migrations.test.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Template databases on a real PostgreSQL: built once when two builders race (as two surefire forks would), never
 * left half-built.
 */
class DatabaseServerTests {

	private final TestPostgres postgres = TestPostgres.get();

	private final DatabaseServer server = new DatabaseServer(this.postgres.urlOf("postgres"), this.postgres.user(),
			this.postgres.password(), "postgres");

	private final String template = "mtpl_test" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@AfterEach
	void dropTemplate() {
		this.server.drop(this.template);
		this.server.drop(this.template + "_new");
	}

	private List<String> databases() {
		return new JdbcTemplate(this.server.dataSourceOf("postgres")).queryForList(
				"SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname", String.class,
				this.template + "%");
	}

	@Test
	void twoBuildersRacingForOneTemplateBuildItOnce() throws Exception {
		AtomicInteger migrations = new AtomicInteger();
		CountDownLatch bothStarted = new CountDownLatch(2);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			List<Future<Boolean>> created = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				created.add(executor.submit(() -> {
					bothStarted.countDown();
					bothStarted.await();
					return this.server.ensureTemplate(this.template, (dataSource) -> {
						migrations.incrementAndGet();
						new JdbcTemplate(dataSource).execute("CREATE TABLE built (id int)");
					});
				}));
			}
			assertThat(List.of(created.get(0).get(), created.get(1).get())).containsExactlyInAnyOrder(true, false);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(migrations).hasValue(1);
		assertThat(databases()).containsExactly(this.template);
	}

	@Test
	void aFailedMigrationLeavesNoTemplateAndTheNextBuilderStartsAfresh() {
		assertThatIllegalStateException().isThrownBy(() -> this.server.ensureTemplate(this.template, (dataSource) -> {
			new JdbcTemplate(dataSource).execute("CREATE TABLE half (id int)");
			throw new IllegalStateException("migration failed");
		})).withMessage("migration failed");
		assertThat(databases()).isEmpty();
		assertThat(this.server.ensureTemplate(this.template,
				(dataSource) -> new JdbcTemplate(dataSource).execute("CREATE TABLE whole (id int)")))
			.isTrue();
		String copy = this.template + "_copy";
		this.server.copy(this.template, copy);
		try {
			assertThat(new JdbcTemplate(this.server.dataSourceOf(copy)).queryForList(
					"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class))
				.containsExactly("whole");
		}
		finally {
			this.server.drop(copy);
		}
	}

	@Test
	void urlOfKeepsHostPortAndParameters() {
		DatabaseServer withParameters = new DatabaseServer("jdbc:postgresql://db.example:6543/app?ssl=true&x=1",
				"u", "p", "postgres");
		assertThat(withParameters.urlOf("mtc_1")).isEqualTo("jdbc:postgresql://db.example:6543/mtc_1?ssl=true&x=1");
		assertThat(new DatabaseServer("jdbc:postgresql://h/app", null, null, "postgres").urlOf("c"))
			.isEqualTo("jdbc:postgresql://h/c");
		assertThatIllegalStateException()
			.isThrownBy(() -> new DatabaseServer("jdbc:mariadb://h/app", null, null, "postgres"))
			.withMessageContaining("needs a PostgreSQL server");
	}

}
