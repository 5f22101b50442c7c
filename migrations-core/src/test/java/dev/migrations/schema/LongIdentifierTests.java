package dev.migrations.schema;

import org.junit.jupiter.api.Test;

import static dev.migrations.schema.IndexDefinition.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * PostgreSQL silently truncates identifiers to 63 bytes: a name given by the user beyond that is refused, naming it;
 * names the DSL derives are fitted as before.
 */
class LongIdentifierTests extends SchemaTestSupport {

	private static final String COLUMN_63 = "c".repeat(63);

	private static final String COLUMN_64 = "c".repeat(64);

	@Test
	void aColumnNameOf64BytesIsRefusedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.q.createTable("wide", (t) -> t.text(COLUMN_64)))
			.withMessageContaining("\"" + COLUMN_64 + "\"")
			.withMessageContaining("64 bytes")
			.withMessageContaining("63 bytes");
		assertThat(jdbc().queryForObject("SELECT to_regclass('wide') IS NULL", Boolean.class)).isTrue();
	}

	@Test
	void aColumnNameOf63BytesWorksAndDerivedNamesAreFitted() {
		this.q.createTable("wide63", (t) -> t.text(COLUMN_63));
		this.q.addIndex("wide63", index(COLUMN_63));
		assertThat(jdbc().queryForList(
				"SELECT attname FROM pg_attribute WHERE attrelid = 'wide63'::regclass AND attnum > 0", String.class))
			.containsExactly(COLUMN_63);
		assertThat(this.q.listIndexes("wide63")).singleElement()
			.satisfies((name) -> assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63));
		this.q.dropTable("wide63");
	}

	@Test
	void multiByteNamesAreCountedInBytes() {
		String sixtyFourBytes = "é".repeat(32);
		// 32 characters, 64 bytes in UTF-8
		assertThatIllegalArgumentException().isThrownBy(() -> this.q.createTable(sixtyFourBytes, (t) -> t.text("a")))
			.withMessageContaining("64 bytes");
		String fits = "é".repeat(31) + "x";
		this.q.createTable(fits, (t) -> t.text("a"));
		assertThat(this.q.tableExists(fits)).isTrue();
		this.q.dropTable(fits);
	}

	@Test
	void everyUserGivenNameIsChecked() {
		this.q.createTable("short", (t) -> t.text("a"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.q.renameColumn("short", "a", COLUMN_64))
			.withMessageContaining(COLUMN_64);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.q.addIndex("short", index("a").name("i".repeat(64))))
			.withMessageContaining("i".repeat(64));
		this.q.dropTable("short");
	}

}
