package dev.migrations.schema;

import java.util.Objects;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * A value to add to an enum type with {@link QueryInterface#addEnumValue(String, EnumValue)}: {@code
 * EnumValue.of("refunded").after("delivered").ifNotExists()}. Labels are rendered as escaped literals.
 */
public final class EnumValue {

	private final String value;

	private @Nullable String before;

	private @Nullable String after;

	private boolean ifNotExists;

	private EnumValue(String value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	/** The label to add; by default it goes last. */
	public static EnumValue of(String value) {
		return new EnumValue(value);
	}

	/** {@code BEFORE existing}. */
	public EnumValue before(String existing) {
		this.before = Objects.requireNonNull(existing, "existing");
		this.after = null;
		return this;
	}

	/** {@code AFTER existing}. */
	public EnumValue after(String existing) {
		this.after = Objects.requireNonNull(existing, "existing");
		this.before = null;
		return this;
	}

	/** {@code IF NOT EXISTS}: adding a label that is already there does nothing. */
	public EnumValue ifNotExists() {
		this.ifNotExists = true;
		return this;
	}

	/** The label. */
	public String value() {
		return this.value;
	}

	boolean isIfNotExists() {
		return this.ifNotExists;
	}

	String toSql(Dialect dialect, String qualifiedType) {
		StringBuilder sql = new StringBuilder("ALTER TYPE ").append(qualifiedType).append(" ADD VALUE ");
		if (this.ifNotExists) {
			sql.append("IF NOT EXISTS ");
		}
		sql.append(dialect.literal(this.value));
		if (this.before != null) {
			sql.append(" BEFORE ").append(dialect.literal(this.before));
		}
		else if (this.after != null) {
			sql.append(" AFTER ").append(dialect.literal(this.after));
		}
		return sql.toString();
	}

}
