package dev.migrations.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar app.jar --migrations.command=...} in a real process: it prints a result, starts no web server and
 * exits with a code CI can use.
 */
class CommandLineTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	@Test
	void statusExitsNonZeroWhilePendingAndMigrateAppliesTheRest() throws Exception {
		Result partial = run("--migrations.command=migrate", "--migrations.to=20260501120100_create_orders");
		assertThat(partial.exitCode()).as(partial.output()).isZero();
		assertThat(partial.output()).contains("migrations migrate: applied 2 migration(s) as batch 1");

		Result status = run("--migrations.command=status");
		assertThat(status.exitCode()).as(status.output()).isEqualTo(2);
		assertThat(status.output()).containsPattern("pending\\s+20260502090000_add_refund_reason_to_orders")
			.doesNotContain("Tomcat");

		Result migrate = run("--migrations.command=migrate");
		assertThat(migrate.exitCode()).as(migrate.output()).isZero();
		assertThat(migrate.output()).contains("20260502090000_add_refund_reason_to_orders");

		Result upToDate = run("--migrations.command=status");
		assertThat(upToDate.exitCode()).as(upToDate.output()).isZero();
		// The seeders are listed too: a command does not seed, so the reference roles are pending, and that does not
		// make the status fail.
		assertThat(upToDate.output()).containsPattern("pending\\s+20260503100100_reference_roles");
		assertThat(upToDate.output()).contains("4 applied");
	}

	@Test
	void seedTwiceLeavesOneCopyOfEachRowAndUndoRemovesThem() throws Exception {
		db.reset();
		assertThat(run("--migrations.command=migrate").exitCode()).isZero();
		Result first = run("--migrations.command=seed", "--spring.profiles.active=dev");
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("migrations seed: ran 2 seeder(s) as batch 1")
			.containsPattern("ran\\s+1\\s+\\S+\\s+20260503100200_demo_customers");
		Result second = run("--migrations.command=seed", "--spring.profiles.active=dev");
		assertThat(second.exitCode()).as(second.output()).isZero();
		// The reference roles run every time (an upsert); the demo data once.
		assertThat(second.output()).contains("migrations seed: ran 1 seeder(s) as batch 2", "20260503100100_reference_roles");
		assertThat(db.jdbc().queryForList("SELECT name FROM roles ORDER BY name", String.class))
			.containsExactly("admin", "customer", "support");
		assertThat(db.jdbc().queryForList("SELECT email FROM users ORDER BY email", String.class))
			.containsExactly("ada@example.com", "grace@example.com");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class)).isEqualTo(2);

		Result undo = run("--migrations.command=seed-undo", "--spring.profiles.active=dev");
		assertThat(undo.exitCode()).as(undo.output()).isZero();
		assertThat(undo.output()).contains("undid 1 seeder(s)", "20260503100200_demo_customers");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM users", Integer.class)).isZero();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM orders", Integer.class)).isZero();

		Result undoAll = run("--migrations.command=seed-undo-all");
		assertThat(undoAll.exitCode()).as(undoAll.output()).isZero();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM roles", Integer.class)).isZero();
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_seeds", Integer.class)).isZero();
	}

	@Test
	void failingCommandExitsWithOneAndSaysWhy() throws Exception {
		Result result = run("--migrations.command=undo", "--migrations.to=20990101000000_unknown");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains("20990101000000_unknown");
	}

	@Test
	void toTogetherWithStepIsRefusedAndNothingIsUndone() throws Exception {
		db.reset();
		assertThat(run("--migrations.command=migrate").exitCode()).isZero();
		// The command line used to prefer 'to' silently and undo two migrations; HTTP answers 400 with this message.
		Result both = run("--migrations.command=undo", "--migrations.to=20260501120100_create_orders",
				"--migrations.step=1");
		assertThat(both.exitCode()).as(both.output()).isEqualTo(1);
		assertThat(both.output()).contains("migrations undo failed: 'undo' takes 'to' or 'step', not both");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isEqualTo(4);
	}

	@Test
	void unknownCommandIsOneLineListingTheCommands() throws Exception {
		Result result = run("--migrations.command=foo");
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("Unknown migrations command 'foo'; use one of status, plan, validate, "
				+ "migrate, undo, undo-batch, undo-all, redo, retry, mark-applied, mark-rolled-back, "
				+ "accept-checksums, import-flyway, diff, seed, seed-undo, seed-undo-all")
			.doesNotContain("UNDO_ALL")
			.doesNotContain("Tomcat started");
	}

	@Test
	void commandWithMigrationsDisabledFailsInsteadOfStarting() throws Exception {
		Result result = run("--migrations.command=migrate", "--migrations.enabled=false");
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("migrations.command=migrate is set, but migrations.enabled=false")
			.doesNotContain("Tomcat started");
	}

	private Result run(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(SampleApplication.class.getName());
		command.add("--spring.datasource.url=" + db.url());
		command.add("--spring.datasource.username=" + db.user());
		command.add("--spring.datasource.password=" + db.password());
		command.add("--server.port=0");
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	record Result(int exitCode, String output) {
	}

}
