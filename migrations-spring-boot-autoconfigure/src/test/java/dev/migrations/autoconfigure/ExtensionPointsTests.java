package dev.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.Migration;
import dev.migrations.core.MigrationListener;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import dev.migrations.schema.QueryInterface;
import dev.migrations.test.CatalogSnapshot;
import dev.migrations.test.FreshDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension points: {@link MigratorCustomizer}, {@link SeedRunnerCustomizer}, {@link MigrationsStartupStrategy}
 * and {@link MigrationsCommandExit}, on a real database.
 */
class ExtensionPointsTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		db.reset();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
			.withPropertyValues(db.datasourceProperties())
			.withPropertyValues("migrations.scan-packages=dev.migrations.autoconfigure.fixtures.scanned");
	}

	private static boolean hasTable(String table) {
		return CatalogSnapshot.of(db.dataSource()).hasRelation(table);
	}

	@Test
	void customizersAreAppliedInOrderAndTheScannedMigrationsStay() {
		this.runner.withUserConfiguration(Customizers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Migrator migrator = context.getBean(Migrator.class);
			assertThat(migrator.table()).isEqualTo("second_history");
			assertThat(migrator.migrationIds()).containsExactly("20260601000000_create_widgets",
					"20260601000100_add_widget_name", "20260601000200_create_gizmos");
			assertThat(hasTable("widgets")).isTrue();
			assertThat(hasTable("gizmos")).isTrue();
			assertThat(context.getBean(Customizers.class).finished).containsExactly(Command.MIGRATE);
			assertThat(context.getBean(SeedRunner.class).table()).isEqualTo("custom_seeds");
		});
	}

	@Test
	void aStartupStrategyReplacesTheDefault() {
		this.runner.withUserConfiguration(RecordingStrategy.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RecordingStrategy.class).migrators).containsExactly(context.getBean(Migrator.class));
			assertThat(hasTable("widgets")).isFalse();
		});
	}

	@Test
	void theDefaultStrategyFollowsOnStartup() {
		this.runner.withPropertyValues("migrations.on-startup=none").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(hasTable("widgets")).isFalse();
		});
	}

	@Test
	void aCommandEndsThroughTheExitBeanWithItsCode() {
		this.runner.withUserConfiguration(RecordingExit.class)
			.withPropertyValues("migrations.command=status")
			.run((context) -> assertThat(context.getBean(RecordingExit.class).codes).containsExactly(2));
		this.runner.withUserConfiguration(RecordingExit.class)
			.withPropertyValues("migrations.command=undo", "migrations.to=20260601000000_create_widgets",
					"migrations.step=1")
			.run((context) -> assertThat(context.getBean(RecordingExit.class).codes).containsExactly(1));
		this.runner.withUserConfiguration(RecordingExit.class)
			.withPropertyValues("migrations.command=migrate", "migrations.step=1")
			.run((context) -> {
				assertThat(context.getBean(RecordingExit.class).codes).containsExactly(0);
				assertThat(hasTable("widgets")).isTrue();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		final List<Command> finished = new ArrayList<>();

		@Bean
		@Order(2)
		MigratorCustomizer addGizmos() {
			return (builder) -> builder.migration("gizmos", new Migration() {

				@Override
				public String id() {
					return "20260601000200_create_gizmos";
				}

				@Override
				public void up(QueryInterface q) {
					q.createTable("gizmos", (t) -> t.bigint("id").primaryKey());
				}

			}).table("second_history");
		}

		@Bean
		@Order(1)
		MigratorCustomizer listen() {
			return (builder) -> builder.table("first_history").listener(new MigrationListener() {

				@Override
				public void commandFinished(Command command, CommandResult result, @Nullable Throwable failure) {
					Customizers.this.finished.add(command);
				}

			});
		}

		@Bean
		SeedRunnerCustomizer seedTable() {
			return (builder) -> builder.table("custom_seeds");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingStrategy {

		final List<Migrator> migrators = new ArrayList<>();

		@Bean
		MigrationsStartupStrategy recordingStrategy() {
			return this.migrators::add;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingExit {

		final List<Integer> codes = new ArrayList<>();

		@Bean
		MigrationsCommandExit recordingExit() {
			return this.codes::add;
		}

	}

}
