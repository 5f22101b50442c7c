package dev.migrations.core;

import java.util.List;
import java.util.Map;

import dev.migrations.test.FlywayHistory;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checksums of applied migrations (edited, reformatted, accepted, histories written before checksums) and adopting a
 * database whose schema predates its history (the error, baseline on migrate, import from Flyway), on a real
 * PostgreSQL.
 */
class IntegrityTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private static final String NOTES = "20260601000000_create_notes";

	private static final String ORIGINAL = "\t\tq.sql(\"CREATE TABLE notes (id int)\");";

	@BeforeEach
	void reset() {
		db.reset();
	}

	private static Migrator notes(String body, Validation validation) {
		ClassLoader loader = CompiledMigrations.compile("CreateNotes", NOTES, body);
		return Migrator.builder(db.dataSource())
			.migration("CreateNotes", CompiledMigrations.supplier(loader, "CreateNotes", NOTES))
			.validation(validation)
			.build();
	}

	private static Migrator notes(String body) {
		return notes(body, Validation.defaults());
	}

	@Test
	void recordsTheChecksumOfEachAppliedMigration() {
		notes(ORIGINAL).migrate();
		String checksum = db.jdbc().queryForObject("SELECT checksum FROM schema_migrations", String.class);
		assertThat(checksum).hasSize(64).matches("[0-9a-f]+");
	}

	@Test
	void anEditedStatementFailsValidateNamingTheMigration() {
		notes(ORIGINAL).migrate();
		Migrator edited = notes("\t\tq.sql(\"CREATE TABLE notes (id bigint)\");");
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(edited::validate)
			.withMessageContaining(NOTES)
			.withMessageContaining("accept-checksums")
			.withMessageContaining("now runs:  CREATE TABLE notes (id bigint)")
			.withMessageContaining("ran then:  CREATE TABLE notes (id int)");
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(edited::migrate)
			.withMessageContaining(NOTES);
		assertThat(edited.status().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.MODIFIED);
	}

	@Test
	void reformattingAndCommentsKeepAMigrationValid() {
		notes(ORIGINAL).migrate();
		Migrator reformatted = notes("\t\t// the notes of a user\n\n\t\tq.sql(\n\t\t\t\"CREATE TABLE notes (id int)\"\n"
				+ "\t\t);   /* reformatted */");
		assertThat(reformatted.validate().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED);
	}

	@Test
	void aChangedConstantIsAnEdit() {
		notes("\t\tint size = 10;\n\t\tq.sql(\"CREATE TABLE notes (id int, body varchar(\" + size + \"))\");")
			.migrate();
		Migrator edited = notes(
				"\t\tint size = 20;\n\t\tq.sql(\"CREATE TABLE notes (id int, body varchar(\" + size + \"))\");");
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(edited::validate)
			.withMessageContaining(NOTES);
	}

	@Test
	void lambdasAndAnonymousClassesAreCoveredAHelperClassIsNot() {
		String lambda = "\t\tjava.util.function.Consumer<QueryInterface> create = (x) -> x.sql(\"CREATE TABLE notes (id %s)\");\n"
				+ "\t\tcreate.accept(q);";
		String anonymous = "\t\tnew Object() { void run() { q.sql(\"CREATE TABLE notes (id %s)\"); } }.run();";
		String helper = "\t\tHelper.create(q);";
		String helperClass = "\nclass Helper {\n\tstatic void create(QueryInterface q) {\n"
				+ "\t\tq.sql(\"CREATE TABLE notes (id %s)\");\n\t}\n}\n";
		assertThat(checksum(lambda.formatted("int"), "")).isNotEqualTo(checksum(lambda.formatted("bigint"), ""));
		assertThat(checksum(anonymous.formatted("int"), "")).isNotEqualTo(checksum(anonymous.formatted("bigint"), ""));
		assertThat(checksum(helper, helperClass.formatted("int")))
			.as("a helper in another class is not part of the checksum")
			.isEqualTo(checksum(helper, helperClass.formatted("bigint")));
	}

	/** The checksum of class {@code it.Probe} with the body of {@code up} and more source after the class. */
	private static String checksum(String body, String after) {
		String source = "package it;\n\nimport dev.migrations.core.Migration;\nimport dev.migrations.schema.QueryInterface;\n\n"
				+ "public class Probe implements Migration {\n\tpublic void up(QueryInterface q) {\n" + body
				+ "\n\t}\n}\n" + after;
		return MigrationChecksum.of(CompiledMigrations.compileSource("Probe", source), "it.Probe");
	}

	@Test
	void acceptChecksumsRecordsTheEditAfterAHumanDecided() {
		notes(ORIGINAL).migrate();
		Migrator edited = notes("\t\tq.sql(\"CREATE TABLE notes (id integer)\");");
		CommandResult accepted = edited.acceptChecksums();
		assertThat(accepted.migrations()).containsExactly(NOTES);
		assertThat(edited.validate().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED);
		assertThat(edited.acceptChecksums().migrations()).isEmpty();
	}

	@Test
	void modifiedWarnOnlyLogs() {
		notes(ORIGINAL).migrate();
		Migrator edited = notes("\t\tq.sql(\"CREATE TABLE notes (id bigint)\");", new Validation(ValidationPolicy.FAIL,
				ValidationPolicy.WARN, ValidationPolicy.FAIL, ValidationPolicy.WARN));
		assertThat(edited.validate().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.MODIFIED);
	}

	@Test
	void everyAppliedMigrationModifiedPointsAtTheCompiler() {
		ClassLoader a = CompiledMigrations.compile("A", "20260601000001_a", "\t\tq.sql(\"CREATE TABLE a (id int)\");");
		ClassLoader b = CompiledMigrations.compile("B", "20260601000002_b", "\t\tq.sql(\"CREATE TABLE b (id int)\");");
		Migrator.builder(db.dataSource())
			.migration("A", CompiledMigrations.supplier(a, "A", "20260601000001_a"))
			.migration("B", CompiledMigrations.supplier(b, "B", "20260601000002_b"))
			.build()
			.migrate();
		// As if a new compiler had produced other bytecode for both.
		db.jdbc().update("UPDATE schema_migrations SET checksum = md5(checksum) || md5(checksum)");
		Migrator recompiled = Migrator.builder(db.dataSource())
			.migration("A", CompiledMigrations.supplier(a, "A", "20260601000001_a"))
			.migration("B", CompiledMigrations.supplier(b, "B", "20260601000002_b"))
			.build();
		assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(recompiled::validate)
			.withMessageContaining("compiler or JDK")
			.withMessageContaining("accept-checksums");
	}

	@Test
	void aHistoryWrittenBeforeChecksumsIsUpgradedInPlaceByTheNextMigrate() {
		notes(ORIGINAL).migrate();
		String recorded = db.jdbc().queryForObject("SELECT checksum FROM schema_migrations", String.class);
		db.jdbc().update("UPDATE schema_migrations SET checksum = NULL");
		Migrator migrator = notes(ORIGINAL);
		assertThat(migrator.validate().migrations()).extracting(MigrationStatus::state)
			.containsExactly(MigrationState.APPLIED);
		assertThat(migrator.migrate().migrations()).isEmpty();
		List<Map<String, Object>> rows = db.jdbc().queryForList("SELECT id, checksum, batch FROM schema_migrations");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).containsEntry("checksum", recorded).containsEntry("batch", 1);
	}

	@Test
	void aTableThatExistsAlreadySaysHowToAdoptTheDatabase() {
		db.jdbc().execute("CREATE TABLE notes (id int)");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> notes(ORIGINAL).migrate())
			.withMessageContaining("already exists")
			.withMessageContaining("--migrations.command=mark-applied --migrations.to=")
			.withMessageContaining("migrations.baseline-on-migrate")
			.withMessageContaining("import-flyway");
	}

	@Test
	void baselineOnMigrateRecordsTheExistingSchemaThenAppliesTheNewerMigrations() {
		db.jdbc().execute("CREATE TABLE users (id int)");
		Migrator migrator = Migrator.builder(db.dataSource())
			.migrations(List.of(Fixture.table("20260601000001_create_users", "users"),
					Fixture.table("20260601000002_create_orders", "orders")))
			.baselineOnMigrate("20260601000001_create_users")
			.build();
		assertThat(migrator.migrate().migrations()).containsExactly("20260601000002_create_orders");
		assertThat(db.jdbc().queryForList("SELECT id FROM schema_migrations ORDER BY id", String.class))
			.containsExactly("20260601000001_create_users", "20260601000002_create_orders");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations WHERE checksum IS NULL",
				Integer.class)).isZero();
	}

	@Test
	void baselineOnMigrateOnAnEmptySchemaRunsEverything() {
		Migrator migrator = Migrator.builder(db.dataSource())
			.migrations(List.of(Fixture.table("20260601000001_create_users", "users"),
					Fixture.table("20260601000002_create_orders", "orders")))
			.baselineOnMigrate("20260601000001_create_users")
			.build();
		assertThat(migrator.migrate().migrations()).containsExactly("20260601000001_create_users",
				"20260601000002_create_orders");
	}

	@Test
	void aBaselineIdThatIsNoMigrationFailsTheBuild() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> Migrator.builder(db.dataSource())
				.migrations(List.of(Fixture.table("20260601000001_create_users", "users")))
				.baselineOnMigrate("20990101000000_nope")
				.build())
			.withMessageContaining("migrations.baseline-id");
	}

	private static FlywayHistory flywayHistory(int versions) {
		FlywayHistory flyway = FlywayHistory.create(db.jdbc());
		for (int v = 1; v <= versions; v++) {
			db.jdbc().execute("CREATE TABLE t" + v + " (id int)");
			flyway.row(String.valueOf(v), "create t" + v, true);
		}
		// A repeatable migration: not versioned, not imported.
		return flyway.row(null, "views", true);
	}

	private static Migrator sevenTables() {
		List<Migration> migrations = new java.util.ArrayList<>();
		for (int v = 1; v <= 7; v++) {
			migrations.add(Fixture.table("2026060100000" + v + "_create_t" + v, "t" + v));
		}
		return Migrator.builder(db.dataSource()).migrations(migrations).build();
	}

	@Test
	void importFlywayRecordsTheVersionedRowsAndMigrateAppliesOnlyTheNewerOnes() {
		flywayHistory(5);
		Migrator migrator = sevenTables();
		CommandResult imported = migrator.importFlyway();
		assertThat(imported.migrations()).containsExactly("20260601000001_create_t1", "20260601000002_create_t2",
				"20260601000003_create_t3", "20260601000004_create_t4", "20260601000005_create_t5");
		assertThat(migrator.migrate().migrations()).containsExactly("20260601000006_create_t6",
				"20260601000007_create_t7");
		assertThat(migrator.validate().migrations()).hasSize(7);
		assertThat(migrator.importFlyway().migrations()).isEmpty();
	}

	@Test
	void importFlywayWithARowThatMatchesNoMigrationRecordsNothing() {
		flywayHistory(5).row("9", "create audit", true);
		Migrator migrator = sevenTables();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::importFlyway)
			.withMessageContaining("version 9 (create audit) matches no migration");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isZero();
	}

	@Test
	void importFlywayWithAFailedRowRecordsNothing() {
		flywayHistory(5).row("6", "create t6", false);
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> sevenTables().importFlyway())
			.withMessageContaining("version 6 (create t6) failed in Flyway");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM schema_migrations", Integer.class)).isZero();
	}

	@Test
	void importFlywayWithoutFlywayHistoryNamesTheTable() {
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> sevenTables().importFlyway())
			.withMessageContaining("flyway_schema_history");
	}

}
