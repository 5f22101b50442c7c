package dev.migrations.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.migrations.maven.MigrationGenerator.GeneratorException;
import dev.migrations.maven.MigrationGenerator.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link MigrationGenerator} against a temporary source tree.
 */
class MigrationGeneratorTests {

	private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T09:30:15Z"), ZoneOffset.UTC);

	@TempDir
	Path sources;

	private void write(String path, String content) throws IOException {
		Path file = this.sources.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private void existingMigrations() throws IOException {
		write("com/example/db/CreateUsers.java", """
				package com.example.db;

				import dev.migrations.core.Migration;
				import dev.migrations.core.MigrationId;

				@MigrationId("20260501120000_create_users")
				public class CreateUsers implements Migration {
				}
				""");
		write("com/example/db/CreateOrders.java", """
				package com.example.db;

				public class CreateOrders implements dev.migrations.core.Migration {
					public String id() { return "20260501120100_create_orders"; }
				}
				""");
		write("com/example/web/Controller.java", """
				package com.example.web;

				class Controller { String version = "20990101000000_not_a_migration"; }
				""");
	}

	@Test
	void writesAMigrationWithTheUtcTimestampIdIntoTheDetectedPackage() throws IOException {
		existingMigrations();
		MigrationGenerator.Generated generated = new MigrationGenerator(this.sources, NOW).generate("add-phone-to-users",
				Type.MIGRATION, null);
		assertThat(generated.id()).isEqualTo("20260601093015_add_phone_to_users");
		assertThat(generated.className()).isEqualTo("AddPhoneToUsers");
		assertThat(generated.packageName()).isEqualTo("com.example.db");
		assertThat(generated.file()).isEqualTo(this.sources.resolve("com/example/db/AddPhoneToUsers.java"));
		assertThat(Files.readString(generated.file())).isEqualTo("""
				package com.example.db;

				import dev.migrations.core.Migration;
				import dev.migrations.core.MigrationId;
				import dev.migrations.schema.QueryInterface;

				@MigrationId("20260601093015_add_phone_to_users")
				public class AddPhoneToUsers implements Migration {

					@Override
					public void up(QueryInterface q) {
					}

					@Override
					public void down(QueryInterface q) {
					}

				}
				""");
	}

	@Test
	void writesASeederIntoThePackageOfTheSeeders() throws IOException {
		existingMigrations();
		write("com/example/seed/ReferenceRoles.java", """
				package com.example.seed;

				@SeederId("20260501130000_reference_roles")
				public class ReferenceRoles implements Seeder {
				}
				""");
		MigrationGenerator.Generated generated = new MigrationGenerator(this.sources, NOW).generate("demo_users",
				Type.SEEDER, null);
		assertThat(generated.file()).isEqualTo(this.sources.resolve("com/example/seed/DemoUsers.java"));
		assertThat(Files.readString(generated.file())).contains("@SeederId(\"20260601093015_demo_users\")")
			.contains("public class DemoUsers implements Seeder {")
			.contains("public void run(QueryInterface q) {")
			.contains("public void undo(QueryInterface q) {");
	}

	@Test
	void theNewestPackageWinsAndAConfiguredPackageOverridesDetection() throws IOException {
		existingMigrations();
		write("com/example/migrations/AddStatus.java", """
				package com.example.migrations;

				@MigrationId("20260502000000_add_status")
				public class AddStatus implements Migration {
				}
				""");
		MigrationGenerator generator = new MigrationGenerator(this.sources, NOW);
		assertThat(generator.generate("a", Type.MIGRATION, null).packageName()).isEqualTo("com.example.migrations");
		MigrationGenerator aSecondLater = new MigrationGenerator(this.sources, Clock.offset(NOW, java.time.Duration.ofSeconds(1)));
		assertThat(aSecondLater.generate("b", Type.MIGRATION, "org.acme.schema").file())
			.isEqualTo(this.sources.resolve("org/acme/schema/B.java"));
	}

	@Test
	void withoutExistingClassesItAsksForThePackage() throws IOException {
		write("com/example/App.java", "package com.example;\nclass App {}\n");
		assertThatExceptionOfType(GeneratorException.class)
			.isThrownBy(() -> new MigrationGenerator(this.sources, NOW).generate("create-users", Type.MIGRATION, null))
			.withMessageContaining("-Dpackage=")
			.withMessageContaining("<package>");
		assertThat(new MigrationGenerator(this.sources, NOW).generate("create-users", Type.MIGRATION, "com.example.db")
			.file()).exists();
	}

	@Test
	void refusesAnIdThatWouldNotSortAfterTheNewestExistingOne() throws IOException {
		existingMigrations();
		write("com/example/db/FromTheFuture.java", """
				package com.example.db;

				@MigrationId("20260601093015_from_the_future")
				public class FromTheFuture implements Migration {
				}
				""");
		assertThatExceptionOfType(GeneratorException.class)
			.isThrownBy(() -> new MigrationGenerator(this.sources, NOW).generate("late", Type.MIGRATION, null))
			.withMessageContaining("20260601093015_late")
			.withMessageContaining("20260601093015_from_the_future")
			.withMessageContaining("clock");
		assertThat(this.sources.resolve("com/example/db/Late.java")).doesNotExist();
		// Seeders are ordered on their own: a migration id does not block a seeder.
		assertThat(new MigrationGenerator(this.sources, NOW).generate("late", Type.SEEDER, "com.example.seed").id())
			.isEqualTo("20260601093015_late");
	}

	@Test
	void refusesAnExistingFileAndABadName() throws IOException {
		existingMigrations();
		assertThatExceptionOfType(GeneratorException.class)
			.isThrownBy(() -> new MigrationGenerator(this.sources, NOW).generate("create users", Type.MIGRATION, null)
				.file())
			.withMessageContaining("CreateUsers.java already exists");
		assertThatExceptionOfType(GeneratorException.class)
			.isThrownBy(() -> new MigrationGenerator(this.sources, NOW).generate("1st-change", Type.MIGRATION, null))
			.withMessageContaining("must start with a letter");
		assertThatExceptionOfType(GeneratorException.class)
			.isThrownBy(() -> new MigrationGenerator(this.sources, NOW).generate("x", Type.MIGRATION, "com..bad"))
			.withMessageContaining("not a Java package");
		assertThatExceptionOfType(GeneratorException.class).isThrownBy(() -> Type.of("view"))
			.withMessageContaining("migration or seeder");
	}

	@Test
	void namesBecomeSnakeCaseIdsAndPascalCaseClasses() {
		assertThat(MigrationGenerator.normalize("add-phone-to-users")).isEqualTo("add_phone_to_users");
		assertThat(MigrationGenerator.normalize("Add phone.to_users")).isEqualTo("Add_phone_to_users");
		assertThat(MigrationGenerator.className("add_phone_to_users")).isEqualTo("AddPhoneToUsers");
		assertThat(MigrationGenerator.className("add_v2_index")).isEqualTo("AddV2Index");
	}

}
