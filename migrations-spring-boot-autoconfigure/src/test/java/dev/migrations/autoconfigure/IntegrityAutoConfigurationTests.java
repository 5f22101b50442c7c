package dev.migrations.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.migrations.autoconfigure.fixtures.scanned.CreateWidgets;
import dev.migrations.core.Command;
import dev.migrations.core.Migrator;
import dev.migrations.core.ValidationPolicy;
import dev.migrations.test.FlywayHistory;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checksums, the {@code migrations.validation.modified} and baseline properties, and the {@code accept-checksums} and
 * {@code import-flyway} commands through the auto-configuration and the command line, on a real PostgreSQL.
 */
class IntegrityAutoConfigurationTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final String SCANNED = "migrations.scan-packages=dev.migrations.autoconfigure.fixtures.scanned";

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		db.reset();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
			.withPropertyValues(db.datasourceProperties());
	}

	@Test
	void scannedMigrationsRecordTheChecksumOfTheirClassFile() {
		this.runner.withPropertyValues(SCANNED).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(db.jdbc().queryForList("SELECT checksum FROM schema_migrations", String.class)).hasSize(2)
				.allSatisfy((checksum) -> assertThat(checksum).hasSize(64));
		});
		int created = CreateWidgets.created.get();
		this.runner.withPropertyValues(SCANNED, "migrations.on-startup=validate").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(CreateWidgets.created.get()).as("comparing checksums creates no migration").isEqualTo(created);
		});
	}

	@Test
	void aChangedChecksumFailsStartupUnlessTheModifiedPolicySaysOtherwise() {
		this.runner.withPropertyValues(SCANNED).run((context) -> assertThat(context).hasNotFailed());
		db.jdbc().update("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE id LIKE '%create_widgets'");
		this.runner.withPropertyValues(SCANNED).run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("create_widgets")
			.hasMessageContaining("accept-checksums"));
		this.runner.withPropertyValues(SCANNED, "migrations.validation.modified=warn").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MigrationsProperties.class).getValidation().getModified())
				.isEqualTo(ValidationPolicy.WARN);
		});
	}

	@Test
	void validateAtStartupPassesOnAnUpToDateSchemaAndStillFailsOnAChangedChecksum() {
		this.runner.withPropertyValues(SCANNED).run((context) -> assertThat(context).hasNotFailed());
		// Up to date: the one-row summary says so, and startup goes on.
		this.runner.withPropertyValues(SCANNED, "migrations.on-startup=validate")
			.run((context) -> assertThat(context).hasNotFailed());
		// A changed checksum makes the summary differ: every row is read and validated, and startup fails.
		db.jdbc().update("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE id LIKE '%create_widgets'");
		this.runner.withPropertyValues(SCANNED, "migrations.on-startup=validate")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("create_widgets")
				.hasMessageContaining("accept-checksums"));
	}

	@Test
	void acceptChecksumsOnTheCommandLineRecordsTheNewChecksum() {
		this.runner.withPropertyValues(SCANNED).run((context) -> {
			db.jdbc().update("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE id LIKE '%create_widgets'");
			Output output = new Output();
			int code = output.runner(context.getBean(Migrator.class)).run(Command.ACCEPT_CHECKSUMS, null, null);
			assertThat(code).isZero();
			assertThat(output.out()).contains("accept-checksums: recorded the checksum of 1 migration(s)")
				.contains("create_widgets");
			assertThat(output.runner(context.getBean(Migrator.class)).run(Command.VALIDATE, null, null)).isZero();
		});
	}

	@Test
	void baselineOnMigrateWithoutAnIdFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues(SCANNED, "migrations.baseline-on-migrate=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("migrations.baseline-id"));
	}

	@Test
	void baselineOnMigrateAdoptsAnExistingSchema() {
		db.jdbc().execute("CREATE TABLE widgets (id bigint PRIMARY KEY)");
		this.runner.withPropertyValues(SCANNED, "migrations.on-startup=none").run((context) -> {
			String first = context.getBean(Migrator.class).migrationIds().get(0);
			this.runner
				.withPropertyValues(SCANNED, "migrations.baseline-on-migrate=true", "migrations.baseline-id=" + first)
				.run((adopted) -> {
					assertThat(adopted).hasNotFailed();
					assertThat(adopted.getBean(Migrator.class).status().isUpToDate()).isTrue();
				});
		});
	}

	@Test
	void importFlywayOnTheCommandLine() {
		db.jdbc().execute("CREATE TABLE widgets (id bigint PRIMARY KEY)");
		FlywayHistory.create(db.jdbc()).row("1", "create widgets", true);
		this.runner.withPropertyValues(SCANNED, "migrations.on-startup=none").run((context) -> {
			Output output = new Output();
			int code = output.runner(context.getBean(Migrator.class)).run(Command.IMPORT_FLYWAY, null, null);
			assertThat(code).as(output.err()).isZero();
			assertThat(output.out()).contains("import-flyway: imported 1 migration(s)").contains("create_widgets");
		});
	}

	@Test
	void diffOnTheCommandLineExitsTwoOnDriftAndPrintsJsonWhenAsked() {
		this.runner.withPropertyValues(SCANNED).run((context) -> {
			Migrator migrator = context.getBean(Migrator.class);
			Output clean = new Output();
			assertThat(clean.runner(migrator).run(Command.DIFF, null, null)).as(clean.err()).isZero();
			assertThat(clean.out()).contains("migrations diff: Replayed 2 applied migration(s)")
				.contains("the live schema matches them");
			db.jdbc().execute("ALTER TABLE widgets ADD COLUMN added_by_hand text");
			Output text = new Output();
			assertThat(text.runner(migrator).run(Command.DIFF, null, null)).isEqualTo(2);
			assertThat(text.out()).contains("differs in 1 object(s)").contains("added_by_hand");
			Output json = new Output();
			assertThat(json.runner(migrator).output(MigrationsProperties.Output.JSON).run(Command.DIFF, null, null))
				.isEqualTo(2);
			assertThat(json.out()).startsWith("{\"command\":\"diff\",\"drift\":true,")
				.contains("\"kind\":\"ADDED\"")
				.contains("added_by_hand");
		});
	}

	/** What a command printed. */
	private static final class Output {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private final ByteArrayOutputStream err = new ByteArrayOutputStream();

		MigrationsCommandRunner runner(Migrator migrator) {
			return new MigrationsCommandRunner(migrator, new PrintStream(this.out, true, StandardCharsets.UTF_8),
					new PrintStream(this.err, true, StandardCharsets.UTF_8));
		}

		String out() {
			return this.out.toString(StandardCharsets.UTF_8);
		}

		String err() {
			return this.err.toString(StandardCharsets.UTF_8);
		}

	}

}
