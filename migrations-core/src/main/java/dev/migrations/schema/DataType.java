package dev.migrations.schema;

import java.util.Objects;
import java.util.regex.Pattern;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL column type, written the way PostgreSQL prints it.
 *
 * <p>The factories cover the common types; {@link #of(String)} takes any other type name the migration author writes
 * ({@code citext}, {@code tsvector}, {@code integer[]}). A type name is SQL written by the author, never data.
 */
public final class DataType {

	// Type names, modifiers, arrays and schema-qualified names; no statement separators or comments.
	private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_ .\"]*(\\([0-9, ]+\\))?( ?\\[\\d*\\])*");

	private final String sql;

	// A user-defined type (an enum, a domain) named by identifiers that the dialect quotes; null for built-in types.
	private final String @Nullable [] name;

	private final String suffix;

	private DataType(String sql) {
		this.sql = sql;
		this.name = null;
		this.suffix = "";
	}

	private DataType(String[] name, String suffix) {
		this.name = name;
		this.suffix = suffix;
		StringBuilder sql = new StringBuilder();
		for (String part : name) {
			sql.append((sql.length() > 0) ? "." : "").append('"').append(part.replace("\"", "\"\"")).append('"');
		}
		this.sql = sql + suffix;
	}

	/**
	 * Any type by its SQL name, e.g. {@code of("citext")} or {@code of("timestamp(3) with time zone")}.
	 * @throws IllegalArgumentException when the text is not a type name
	 */
	public static DataType of(String sql) {
		if (!TYPE_NAME.matcher(sql).matches()) {
			throw new IllegalArgumentException("'" + sql + "' is not a PostgreSQL type name");
		}
		return new DataType(sql);
	}

	/**
	 * A type created by a migration, such as an enum type from {@link QueryInterface#createEnum}, in the migration's
	 * schema: {@code named("order_status")} is {@code "order_status"}. The name is an identifier and is always quoted.
	 */
	public static DataType named(String name) {
		return new DataType(new String[] { Objects.requireNonNull(name, "name") }, "");
	}

	/** A type created by a migration in another schema: {@code named("app", "order_status")}. */
	public static DataType named(String schema, String name) {
		return new DataType(new String[] { Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(name, "name") },
				"");
	}

	/** An enum type by name; the same as {@link #named(String)}. */
	public static DataType enumType(String name) {
		return named(name);
	}

	public static DataType smallint() {
		return new DataType("smallint");
	}

	public static DataType integer() {
		return new DataType("integer");
	}

	public static DataType bigint() {
		return new DataType("bigint");
	}

	public static DataType text() {
		return new DataType("text");
	}

	public static DataType varchar(int length) {
		positive(length, "varchar length");
		return new DataType("varchar(" + length + ")");
	}

	public static DataType character(int length) {
		positive(length, "char length");
		return new DataType("char(" + length + ")");
	}

	public static DataType bool() {
		return new DataType("boolean");
	}

	/** {@code numeric(precision, scale)}, Sequelize's {@code DECIMAL(10, 2)}. */
	public static DataType numeric(int precision, int scale) {
		positive(precision, "numeric precision");
		if (scale < 0 || scale > precision) {
			throw new IllegalArgumentException("numeric scale must be between 0 and the precision, was " + scale);
		}
		return new DataType("numeric(" + precision + "," + scale + ")");
	}

	public static DataType numeric() {
		return new DataType("numeric");
	}

	public static DataType real() {
		return new DataType("real");
	}

	public static DataType doublePrecision() {
		return new DataType("double precision");
	}

	public static DataType date() {
		return new DataType("date");
	}

	public static DataType time() {
		return new DataType("time");
	}

	/** {@code timestamp with time zone}: what an application that stores instants wants. */
	public static DataType timestamptz() {
		return new DataType("timestamptz");
	}

	/** {@code timestamp without time zone}. */
	public static DataType timestamp() {
		return new DataType("timestamp");
	}

	public static DataType interval() {
		return new DataType("interval");
	}

	public static DataType uuid() {
		return new DataType("uuid");
	}

	public static DataType jsonb() {
		return new DataType("jsonb");
	}

	public static DataType json() {
		return new DataType("json");
	}

	public static DataType bytea() {
		return new DataType("bytea");
	}

	public static DataType inet() {
		return new DataType("inet");
	}

	/** An array of this type, e.g. {@code text().array()} is {@code text[]}. */
	public DataType array() {
		return (this.name != null) ? new DataType(this.name, this.suffix + "[]") : new DataType(this.sql + "[]");
	}

	/** {@code timestamptz(precision)}: fractional seconds digits, 0 to 6. */
	public static DataType timestamptz(int precision) {
		if (precision < 0 || precision > 6) {
			throw new IllegalArgumentException("timestamp precision must be between 0 and 6, was " + precision);
		}
		return new DataType("timestamptz(" + precision + ")");
	}

	/** The type as PostgreSQL SQL. */
	public String sql() {
		return this.sql;
	}

	/**
	 * The type as SQL, with the names of user-defined types quoted by the dialect; a {@link #named(String)} type is
	 * qualified with the migration's schema when it has one.
	 */
	String sql(Dialect dialect, @Nullable String schema) {
		if (this.name == null) {
			return dialect.renderType(this.sql);
		}
		dialect.require(dev.migrations.dialect.Feature.ENUM_TYPES, "the type " + String.join(".", this.name));
		return ((this.name.length == 2) ? dialect.qualify(this.name[0], this.name[1])
				: dialect.qualify(schema, this.name[0])) + this.suffix;
	}

	private static void positive(int value, String what) {
		if (value <= 0) {
			throw new IllegalArgumentException(what + " must be positive, was " + value);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof DataType type) && type.sql.equals(this.sql);
	}

	@Override
	public int hashCode() {
		return this.sql.hashCode();
	}

	@Override
	public String toString() {
		return this.sql;
	}

}
