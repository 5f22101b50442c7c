package dev.migrations.dialect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Constants as SQL text, the same for every dialect but for strings and for what a non-finite number becomes.
 */
final class Literals {

	private Literals() {
	}

	/**
	 * @param string renders a string constant, escaped the dialect's way
	 * @param nonFinite renders {@code NaN} and the infinities, or throws where the database has none
	 */
	static String render(@Nullable Object value, Function<String, String> string,
			Function<Object, String> nonFinite) {
		if (value == null) {
			return "NULL";
		}
		if (value instanceof Boolean bool) {
			return bool ? "TRUE" : "FALSE";
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			return value.toString();
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				return nonFinite.apply(value);
			}
			return BigDecimal.valueOf(d).toPlainString();
		}
		if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>
				|| value instanceof UUID || value instanceof java.time.temporal.TemporalAccessor) {
			return string.apply(value.toString());
		}
		throw new IllegalArgumentException("Cannot render a " + value.getClass().getName()
				+ " as an SQL literal; use a String, a number, a boolean, a UUID or a java.time value");
	}

}
