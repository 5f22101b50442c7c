package dev.migrations.schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.migrations.dialect.PostgresDialect;
import dev.migrations.test.FreshDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bulk writer binds values by the column's type on a real PostgreSQL: a {@code String} goes into jsonb, json,
 * enum, uuid, inet and text[] columns without a {@code PGobject}, through {@link Rows} and {@code q.bulkInsert}.
 */
class TypedValuesTests {

	@RegisterExtension
	static final FreshDatabase db = new FreshDatabase();

	private JdbcTemplate jdbc;

	private JdbcExecutor executor;

	private QueryInterface q;

	@BeforeEach
	void reset() {
		db.reset();
		this.jdbc = db.jdbc();
		this.jdbc.execute("CREATE TYPE mood AS ENUM ('happy', 'sad')");
		this.jdbc.execute("CREATE TABLE users (email text PRIMARY KEY, metadata jsonb, settings json, mood mood, "
				+ "token uuid, address inet, tags text[], visits integer, seen_at timestamptz, nick varchar(5))");
		this.executor = new JdbcExecutor(db.dataSource());
		this.q = new DefaultQueryInterface(new PostgresDialect(), this.executor, null);
	}

	private static Map<String, Object> user(String email, String metadata, String mood) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("email", email);
		row.put("metadata", metadata);
		row.put("settings", "{\"theme\": \"dark\"}");
		row.put("mood", mood);
		row.put("token", "0b3c0d1e-5f4a-4b6c-8d7e-9f0a1b2c3d4e");
		row.put("address", "192.168.0.1");
		row.put("tags", new String[] { "a", "b" });
		row.put("visits", 3);
		row.put("seen_at", OffsetDateTime.parse("2026-01-02T03:04:05Z"));
		row.put("nick", "ann");
		return row;
	}

	private Map<String, Object> read(String email) {
		return this.jdbc.queryForMap("SELECT metadata::text AS metadata, settings::text AS settings, mood::text AS mood, "
				+ "token::text AS token, host(address) AS address, array_to_string(tags, ',') AS tags, visits, "
				+ "seen_at, nick FROM users WHERE email = ?", email);
	}

	@Test
	void theIssuesExampleAStringIntoJsonb() {
		assertThat(Rows.of(this.q).insert("users", List.of(Map.of("email", "a@x", "metadata", "{\"a\":1}"))))
			.isEqualTo(1);
		assertThat(read("a@x")).containsEntry("metadata", "{\"a\": 1}");
	}

	@Test
	void stringsGoIntoTypedColumnsThroughInsertInsertIfAbsentAndUpsert() {
		Rows rows = Rows.of(this.q);
		assertThat(rows.insert("users", List.of(user("a@x", "{\"a\":1}", "happy")))).isEqualTo(1);
		assertThat(rows.insertIfAbsent("users", List.of("email"),
				List.of(user("a@x", "{\"a\":2}", "sad"), user("b@x", "[1, 2]", "sad"))))
			.isEqualTo(1);
		Map<String, Object> a = read("a@x");
		assertThat(a).containsEntry("metadata", "{\"a\": 1}")
			.containsEntry("settings", "{\"theme\": \"dark\"}")
			.containsEntry("mood", "happy")
			.containsEntry("token", "0b3c0d1e-5f4a-4b6c-8d7e-9f0a1b2c3d4e")
			.containsEntry("address", "192.168.0.1")
			.containsEntry("tags", "a,b")
			.containsEntry("visits", 3)
			.containsEntry("nick", "ann");
		assertThat(((java.sql.Timestamp) a.get("seen_at")).toInstant()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
		assertThat(read("b@x")).containsEntry("metadata", "[1, 2]").containsEntry("mood", "sad");
		assertThat(rows.upsert("users", List.of("email"),
				List.of(user("a@x", "{\"a\":3}", "sad"), user("b@x", "[1, 2]", "sad"))))
			.as("b@x is unchanged, json column included, so only a@x is rewritten")
			.isEqualTo(1);
		assertThat(read("a@x")).containsEntry("metadata", "{\"a\": 3}").containsEntry("mood", "sad");
		assertThat(this.executor.statements).anyMatch((sql) -> sql.contains("CAST(? AS jsonb)")
				&& sql.contains("CAST(? AS mood)") && sql.contains("CAST(? AS uuid)"));
		assertThat(rows.delete("users", List.of("token"), List.of(Map.of("token", UUID.fromString(
				"0b3c0d1e-5f4a-4b6c-8d7e-9f0a1b2c3d4e"))))).isEqualTo(2);
	}

	@Test
	void bulkInsertBulkUpdateAndBulkDeleteBindByTheColumnsType() {
		assertThat(this.q.bulkInsert("users", List.of(user("a@x", "{\"a\":1}", "happy")))).isEqualTo(1);
		assertThat(this.q.bulkInsertReturning("users", List.of(user("b@x", "{}", "sad")), (o) -> {
		}, "mood")).extracting((row) -> String.valueOf(row.get("mood"))).containsExactly("sad");
		assertThat(this.q.bulkUpdate("users", Map.of("metadata", "{\"b\":2}", "mood", "sad"), Map.of("mood", "happy")))
			.isEqualTo(1);
		assertThat(read("a@x")).containsEntry("metadata", "{\"b\": 2}").containsEntry("mood", "sad");
		assertThat(this.q.bulkDelete("users", Map.of("token", List.of("0b3c0d1e-5f4a-4b6c-8d7e-9f0a1b2c3d4e"))))
			.isEqualTo(2);
	}

	@Test
	void aValueTheColumnRejectsNamesTheTableAndTheColumn() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> Rows.of(this.q).insert("users", List.of(Map.of("email", "a@x", "token", "not-a-uuid"))))
			.withMessageContaining("table users")
			.withMessageContaining("column token (uuid)");
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> Rows.of(this.q).insert("users", List.of(Map.of("email", "a@x", "metadata", "{not json"))))
			.withMessageContaining("table users")
			.withMessageContaining("column metadata (jsonb)");
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.q.bulkInsert("users", List.of(user("a@x", "{}", "angry"))))
			.withMessageContaining("table users")
			.withMessageContaining("column mood (mood)");
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.q.bulkInsert("users", List.of(Map.of("email", "a@x", "nick", "too long"))))
			.withMessageContaining("table users")
			.withMessageContaining("column nick (character varying(5))");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isZero();
	}

}
