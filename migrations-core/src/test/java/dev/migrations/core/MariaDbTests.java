package dev.migrations.core;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.dialect.MariaDbDialect;
import dev.migrations.safety.Finding;
import dev.migrations.safety.LockRetries;
import dev.migrations.safety.RetryPolicy;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.Timeouts;
import dev.migrations.safety.UnsafeMigrationException;
import dev.migrations.schema.DataType;
import dev.migrations.schema.IndexDefinition;
import dev.migrations.schema.Rows;
import dev.migrations.schema.TableDescription;
import dev.migrations.test.FreshMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What only MariaDB (and MySQL) does: its types, the online DDL clauses, the operations it refuses, its timeouts and
 * lock-wait retries, its safety checks, and the session handed back as it came. Skipped, with a message, where no
 * MariaDB answers at 127.0.0.1:3306.
 */
class MariaDbTests {

	@RegisterExtension
	static final FreshMariaDb db = new FreshMariaDb();

	private final List<Migration> migrations = new ArrayList<>();

	@BeforeEach
	void reset() {
		db.reset();
	}

	private Migrator migrator() {
		return Migrator.builder(db.dataSource()).migrations(this.migrations).build();
	}

	private String script(String id) {
		return db.jdbc().queryForObject("SELECT script FROM schema_migrations WHERE id = ?", String.class, id);
	}

	@Test
	void rendersTheQueryInterfaceInMariaDbTypesWithOnlineClauses() {
		this.migrations.add(Fixture.of("20260101000000_create_events", (q) -> q.createTable("events", (t) -> {
			t.bigIdentity("id").primaryKey();
			t.uuid("key").notNull();
			t.jsonb("payload");
			t.bool("done").notNull().defaultValue(false);
			t.text("note").defaultValue("it's \\ fine");
			t.timestamps();
		}), (q) -> q.dropTable("events")));
		this.migrations.add(Fixture.of("20260101000001_evolve_events", (q) -> {
			q.addColumn("events", "source", DataType.varchar(40));
			q.addIndex("events", IndexDefinition.index("source"));
			q.renameColumn("events", "note", "remark");
		}, (q) -> {
			q.renameColumn("events", "remark", "note");
			q.removeIndex("events", IndexDefinition.index("source"));
			q.removeColumn("events", "source");
		}));
		migrator().migrate();
		String script = script("20260101000001_evolve_events");
		assertThat(script).contains("ALTER TABLE `events` ADD COLUMN `source` varchar(40), ALGORITHM=INSTANT")
			.contains("CREATE INDEX `events_source_idx` ON `events` (`source`) ALGORITHM=INPLACE LOCK=NONE")
			.contains("RENAME COLUMN `note` TO `remark`, ALGORITHM=INSTANT");
		assertThat(script("20260101000000_create_events")).contains("`id` bigint AUTO_INCREMENT")
			.contains("`payload` JSON")
			.contains("`created_at` DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL");
		db.jdbc().update("INSERT INTO events (`key`) VALUES ('0b6f4c1e-8d8a-4f55-9b36-2f0c1d1e5a10')");
		assertThat(db.jdbc().queryForObject("SELECT remark FROM events", String.class)).isEqualTo("it's \\ fine");
		TableDescription events = new dev.migrations.schema.DefaultQueryInterface(MariaDbDialect.mariaDb(),
				new dev.migrations.schema.JdbcStatementExecutor(db.jdbc()), null)
			.describeTable("events");
		assertThat(events.primaryKey()).containsExactly("id");
		assertThat(events.columns()).extracting((c) -> c.name()).contains("source", "remark", "created_at");
		assertThat(migrator().undo().migrations()).containsExactly("20260101000001_evolve_events");
		assertThat(db.jdbc().queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = "
				+ "DATABASE() AND table_name = 'events'", String.class)).contains("note").doesNotContain("source");
	}

	@Test
	void refusesWhatMariaDbCannotDoNamingTheOperationAndTheMigration() {
		this.migrations.add(Fixture.table("20260101000000_orders", "orders"));
		this.migrations.add(Fixture.of("20260101000001_partial_index",
				(q) -> q.addIndex("orders", IndexDefinition.index("id").where("id > 0")), (q) -> {
				}));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("20260101000001_partial_index")
			.withMessageContaining("addIndex(orders, orders_id_idx) cannot run on MariaDB")
			.withMessageContaining("partial indexes");
		// Nothing ran, but without a transaction the step is recorded failed until a command resolves it.
		assertThat(migrator().markRolledBack("20260101000001_partial_index").migrations())
			.containsExactly("20260101000001_partial_index");
		this.migrations.set(1, Fixture.of("20260101000001_enum", (q) -> q.createEnum("status", "a", "b"), (q) -> {
		}));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("createEnum cannot run on MariaDB")
			.withMessageContaining("ENUM('a','b')");
	}

	@Test
	void diffIsRefusedNamingTheFeatureAndTheDialect() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		migrator().migrate();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().diff())
			.withMessageContaining("diff cannot run on MariaDB")
			.withMessageContaining("scratch PostgreSQL database");
	}

	@Test
	void groupIsRefusedBeforeAnythingRuns() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> Migrator.builder(db.dataSource()).migrations(this.migrations).group(true).build().migrate())
			.withMessageContaining("migrations.group=true")
			.withMessageContaining("MariaDB commits every DDL statement by itself")
			.withMessageContaining("Nothing was applied");
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
				+ "DATABASE() AND table_name = 'a'", Integer.class)).isZero();
	}

	@Test
	void historyInOneRowIsTheSameSummaryTheCodeComputes() throws Exception {
		this.migrations.add(Fixture.table("20260101000002_c", "c"));
		this.migrations.add(Fixture.table("20260101000000_b", "b"));
		this.migrations.add(Fixture.table("20260101000001_A", "a"));
		migrator().migrate();
		HistorySummary recorded;
		try (Connection connection = db.connect()) {
			recorded = new HistoryStore(MariaDbDialect.mariaDb(), db.name(), "schema_migrations").summary(connection);
		}
		// The same summary as the code's: the ids in id order (binary, as the code sorts them), with their checksums.
		List<ResolvedMigration> resolved = new ArrayList<>();
		this.migrations.stream()
			.sorted(java.util.Comparator.comparing(Migration::id))
			.forEach((migration) -> resolved.add(ResolvedMigration.of(migration.id(), migration)));
		HistorySummary code = MigrationCatalog.of(resolved).summary();
		assertThat(recorded.applied()).isEqualTo(3);
		assertThat(recorded.unfinished()).isZero();
		assertThat(recorded.newest()).isEqualTo("20260101000002_c");
		assertThat(recorded.unchecksummed()).isZero();
		assertThat(recorded.digest()).isEqualTo(code.digest());
		assertThat(recorded.upToDateWith(code)).isTrue();
		// A restart with nothing to do reads that one row and applies nothing.
		assertThat(migrator().migrate().migrations()).isEmpty();
	}

	@Test
	void bulkWritesUpsertWithOnDuplicateKey() {
		this.migrations.add(Fixture.of("20260101000000_roles", (q) -> {
			q.createTable("roles", (t) -> {
				t.varchar("name", 50).primaryKey();
				t.integer("rank").notNull();
			});
			Rows.of(q).insert("roles", List.of(Map.of("name", "admin", "rank", 1), Map.of("name", "member", "rank", 2)));
			Rows.of(q).upsert("roles", List.of("name"), List.of(Map.of("name", "admin", "rank", 10),
					Map.of("name", "guest", "rank", 3)));
			Rows.of(q).insertIfAbsent("roles", List.of("name"), List.of(Map.of("name", "member", "rank", 20)));
		}, (q) -> q.dropTable("roles")));
		migrator().migrate();
		assertThat(db.jdbc().queryForList("SELECT name, `rank` FROM roles ORDER BY name")).containsExactly(
				Map.of("name", "admin", "rank", 10), Map.of("name", "guest", "rank", 3),
				Map.of("name", "member", "rank", 2));
	}

	@Test
	void metadataLockWaitTimesOutAndIsRetriedUntilTheBlockerEnds() throws Exception {
		this.migrations.add(Fixture.table("20260101000000_accounts", "accounts"));
		migrator().migrate();
		this.migrations.add(Fixture.of("20260101000001_add_flag",
				(q) -> q.addColumn("accounts", "flag", DataType.integer()), (q) -> q.removeColumn("accounts", "flag")));
		try (Connection blocker = db.connect()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				// An open transaction that read the table holds its metadata lock until it ends.
				statement.executeQuery("SELECT * FROM accounts").close();
			}
			CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
				try {
					Thread.sleep(2500);
					blocker.commit();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			CommandResult result = Migrator.builder(db.dataSource())
				.migrations(this.migrations)
				.timeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)))
				.retryPolicy(new RetryPolicy(10, Duration.ofMillis(50), Duration.ofMillis(100)))
				.build()
				.migrate();
			release.get();
			assertThat(result.migrations()).containsExactly("20260101000001_add_flag");
		}
	}

	@Test
	void gaveUpLockWaitNamesTheBlockingSession() throws Exception {
		this.migrations.add(Fixture.table("20260101000000_accounts", "accounts"));
		migrator().migrate();
		this.migrations.add(Fixture.of("20260101000001_add_flag",
				(q) -> q.addColumn("accounts", "flag", DataType.integer()), (q) -> q.removeColumn("accounts", "flag")));
		try (Connection blocker = db.connect()) {
			blocker.setAutoCommit(false);
			long id;
			try (Statement statement = blocker.createStatement()) {
				statement.executeUpdate("INSERT INTO accounts VALUES (1)");
				var rs = statement.executeQuery("SELECT CONNECTION_ID()");
				rs.next();
				id = rs.getLong(1);
			}
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> Migrator.builder(db.dataSource())
					.migrations(this.migrations)
					.timeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)))
					.retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)))
					.build()
					.migrate())
				.withMessageContaining("Gave up after 2 attempt(s)")
				.withMessageContaining("pid " + id)
				.withMessageContaining("KILL " + id)
				.withMessageContaining("information_schema.PROCESSLIST");
			blocker.rollback();
		}
	}

	@Test
	void statementTimeLimitEndsALongStatement() {
		this.migrations.add(new Fixture("20260101000000_slow", (q) -> q.sql("SELECT SLEEP(5)"), (q) -> {
		}, true) {
			@Override
			public Duration statementTimeout() {
				return Duration.ofMillis(500);
			}
		});
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("max_statement_time");
	}

	@Test
	void sessionIsHandedBackWithItsSettings() throws Exception {
		this.migrations.add(Fixture.of("20260101000000_sets", (q) -> q.sql("SET SESSION sql_mode = 'ANSI_QUOTES'"),
				(q) -> {
				}));
		try (HikariDataSource single = db.newDataSource(1)) {
			var jdbc = new org.springframework.jdbc.core.JdbcTemplate(single);
			String before = jdbc.queryForObject("SELECT @@session.sql_mode", String.class);
			Integer lockWait = jdbc.queryForObject("SELECT @@session.lock_wait_timeout", Integer.class);
			Migrator.builder(single).migrations(this.migrations).build().migrate();
			assertThat(jdbc.queryForObject("SELECT @@session.sql_mode", String.class)).isEqualTo(before);
			assertThat(jdbc.queryForObject("SELECT @@session.lock_wait_timeout", Integer.class)).isEqualTo(lockWait);
			assertThat(jdbc.queryForObject("SELECT IS_USED_LOCK(?)", Object.class,
					"dev.migrations." + Long.toHexString(SchemaLock.key(db.name(), "schema_migrations")))).isNull();
		}
	}

	@Test
	void safetyChecksCatchTheMySqlHazardsOnExistingTables() {
		this.migrations.add(Fixture.of("20260101000000_tables", (q) -> {
			q.createTable("users", (t) -> t.bigint("id").primaryKey());
			q.createTable("orders", (t) -> {
				t.bigint("id").primaryKey();
				t.bigint("user_id");
				t.varchar("status", 10);
			});
			// New tables: nothing to report.
			q.sql("ALTER TABLE orders MODIFY COLUMN status varchar(20) NOT NULL");
		}, (q) -> {
		}));
		migrator().migrate();
		this.migrations.add(Fixture.of("20260101000001_hazards", (q) -> {
			q.sql("ALTER TABLE `orders` MODIFY COLUMN `status` text");
			q.sql("ALTER TABLE orders ADD COLUMN total int NOT NULL");
			q.sql("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)");
			q.sql("CREATE INDEX orders_status_idx ON orders (status(5))");
		}, (q) -> {
		}));
		assertThatExceptionOfType(UnsafeMigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.findings()).extracting(Finding::checkId)
				.containsExactly("mysql-column-type-copy", "mysql-not-null-without-default",
						"mysql-foreign-key-without-index", "mysql-index-without-lock-none"));
		this.migrations.set(1, Fixture.of("20260101000001_online", (q) -> {
			q.addIndex("orders", IndexDefinition.index("user_id"));
			q.sql("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)");
			q.sql("ALTER TABLE orders MODIFY COLUMN status varchar(30) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE");
			q.addColumn("orders", "note", DataType.text());
		}, (q) -> {
		}));
		assertThat(Migrator.builder(db.dataSource()).migrations(this.migrations).safetyMode(SafetyMode.FAIL).build()
			.migrate()
			.migrations()).containsExactly("20260101000001_online");
	}

	@Test
	void lockRetriesScheduleWorksInWholeSeconds() {
		this.migrations.add(Fixture.table("20260101000000_a", "a"));
		CommandResult result = Migrator.builder(db.dataSource())
			.migrations(this.migrations)
			.lockRetries(LockRetries.defaults())
			.build()
			.migrate();
		assertThat(result.migrations()).containsExactly("20260101000000_a");
	}

}
