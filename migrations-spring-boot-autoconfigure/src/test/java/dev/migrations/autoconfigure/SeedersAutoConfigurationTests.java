package dev.migrations.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.migrations.core.Command;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import dev.migrations.core.SeedStorage;
import dev.migrations.core.Seeder;
import dev.migrations.core.SeederId;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeders through {@link MigrationsAutoConfiguration}: discovery, profiles, startup seeding and the seed commands.
 */
class SeedersAutoConfigurationTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		db.reset();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
			.withPropertyValues(db.datasourceProperties())
			.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.seeders");
	}

	private static List<String> colors() {
		return db.jdbc().queryForList("SELECT name || ':' || source FROM colors ORDER BY name", String.class);
	}

	@Test
	void seedersAreFoundButDoNotRunAtStartupByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SeedRunner.class).doesNotHaveBean(SeedersInitializer.class);
			SeedRunner seeds = context.getBean(SeedRunner.class);
			assertThat(seeds.seederIds()).containsExactly("20260601000100_reference_colors");
			assertThat(seeds.storage()).isEqualTo(SeedStorage.TABLE);
			assertThat(colors()).isEmpty();
			assertThat(seeds.status().pending()).isEqualTo(1);
		});
	}

	@Test
	void enabledSeedersRunAfterTheMigrationsAndOncePerDatabase() {
		this.runner.withPropertyValues("migrations.seeders.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SeedersInitializer.class);
			assertThat(colors()).containsExactly("green:reference", "red:reference");
		});
		this.runner.withPropertyValues("migrations.seeders.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SeedRunner.class).status().pending()).isZero();
		});
		assertThat(colors()).hasSize(2);
		assertThat(db.jdbc().queryForList("SELECT id FROM schema_seeds", String.class))
			.containsExactly("20260601000100_reference_colors");
	}

	@Test
	void startupMigratesAndSeedsUnderOneSchemaLock() {
		java.util.concurrent.atomic.AtomicInteger locks = new java.util.concurrent.atomic.AtomicInteger();
		dev.migrations.core.MigrationListener counting = new dev.migrations.core.MigrationListener() {

			@Override
			public void lockAcquired(java.time.Duration waited) {
				locks.incrementAndGet();
			}

		};
		this.runner.withPropertyValues("migrations.seeders.enabled=true")
			.withBean(dev.migrations.core.MigrationListener.class, () -> counting)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(colors()).containsExactly("green:reference", "red:reference");
				// Between a migrate and a seed that each took the lock, another process could undo what the seeders
				// need; one lock for both leaves no such gap.
				assertThat(locks).hasValue(1);
			});
	}

	@Test
	void profileScopedSeedersRunOnlyInTheirProfile() {
		this.runner.withPropertyValues("migrations.seeders.enabled=true", "spring.profiles.active=dev")
			.withUserConfiguration(ProfileBeans.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SeedRunner.class).seederIds()).containsExactly(
						"20260601000100_reference_colors", "20260601000200_demo_colors", "20260601000300_dev_bean");
				assertThat(colors()).containsExactly("blue:dev-bean", "green:reference", "mauve:demo", "red:reference");
			});
		db.reset();
		this.runner.withPropertyValues("migrations.seeders.enabled=true", "spring.profiles.active=prod")
			.withUserConfiguration(ProfileBeans.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SeedRunner.class).seederIds())
					.containsExactly("20260601000100_reference_colors");
				assertThat(colors()).containsExactly("green:reference", "red:reference");
			});
	}

	@Test
	void tableAndStorageAreConfigurable() {
		this.runner
			.withPropertyValues("migrations.seeders.enabled=true", "migrations.seeders.table=seed_history",
					"migrations.seeders.storage=none")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SeedRunner.class).storage()).isEqualTo(SeedStorage.NONE);
			});
		this.runner.withPropertyValues("migrations.seeders.table=seed_history").run((context) -> {
			SeedRunner seeds = context.getBean(SeedRunner.class);
			assertThat(seeds.table()).isEqualTo("seed_history");
			seeds.seed();
		});
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM seed_history", Integer.class)).isEqualTo(1);
		assertThat(colors()).hasSize(2);
	}

	@Test
	void seedCommandsPrintWhatTheyDid() {
		this.runner.withPropertyValues("spring.profiles.active=dev", "migrations.seeders.id=20260601000200_demo_colors")
			.run((context) -> {
				Migrator migrator = context.getBean(Migrator.class);
				SeedRunner seeds = context.getBean(SeedRunner.class);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				ByteArrayOutputStream err = new ByteArrayOutputStream();
				MigrationsCommandRunner all = new MigrationsCommandRunner(migrator, seeds, null,
						new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
				assertThat(all.run(Command.SEED, null, null)).isZero();
				assertThat(out.toString(StandardCharsets.UTF_8)).contains("migrations seed: ran 2 seeder(s) as batch 1")
					.containsPattern("ran\\s+1\\s+\\S+\\s+20260601000200_demo_colors");
				MigrationsCommandRunner named = new MigrationsCommandRunner(migrator, seeds,
						"20260601000200_demo_colors", new PrintStream(out, true, StandardCharsets.UTF_8),
						new PrintStream(err, true, StandardCharsets.UTF_8));
				out.reset();
				assertThat(named.run(Command.SEED_UNDO, null, null)).isZero();
				assertThat(out.toString(StandardCharsets.UTF_8)).contains("migrations seed-undo: undid 1 seeder(s)")
					.containsPattern("pending\\s+20260601000200_demo_colors");
				assertThat(colors()).containsExactly("green:reference", "red:reference");
				assertThat(all.run(Command.SEED_UNDO_ALL, null, null)).isZero();
				assertThat(colors()).isEmpty();
				assertThat(named.run(Command.SEED_UNDO, null, null)).isEqualTo(1);
				assertThat(err.toString(StandardCharsets.UTF_8)).contains("migrations seed-undo failed: Seeder "
						+ "20260601000200_demo_colors has not run");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ProfileBeans {

		@Bean
		@Profile("dev")
		Seeder devBean() {
			return new DevBean();
		}

	}

	@SeederId("20260601000300_dev_bean")
	static class DevBean implements Seeder {

		@Override
		public void run(QueryInterface q) {
			q.sql("INSERT INTO colors (name, source) VALUES (?, ?) ON CONFLICT DO NOTHING", "blue", "dev-bean");
		}

	}

}
