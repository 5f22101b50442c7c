package dev.migrations.safety;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which column type changes PostgreSQL makes without rewriting the table (the old values are binary-compatible and
 * the new type accepts all of them, so only the catalog changes). Verified on PostgreSQL 15 by comparing the
 * table's {@code relfilenode} before and after.
 */
final class TypeChanges {

	/** The changes that do not rewrite, for messages. */
	static final List<String> REWRITE_FREE = List.of("varchar(n) to varchar(m) with m >= n, to varchar or to text",
			"text to varchar (without a length)", "numeric(p,s) to numeric(q,s) with q >= p, or to numeric",
			"bit varying(n) to bit varying(m) with m >= n, or to bit varying",
			"timestamp(p), timestamptz(p), time(p) and timetz(p) to a greater precision or none",
			"timestamp to timestamptz and back, only when the session TimeZone is UTC (PostgreSQL 12+)",
			"cidr to inet", "the same type with the same modifiers (nothing changes)");

	private TypeChanges() {
	}

	/** Whether changing a column from {@code from} to {@code to} leaves the table as it is. */
	static boolean isRewriteFree(TypeName from, TypeName to, @Nullable String timeZone) {
		if (from.array() != to.array()) {
			return false;
		}
		String a = from.name();
		String b = to.name();
		if (a.equals(b) && from.modifiers().equals(to.modifiers())) {
			return true;
		}
		if (a.equals("varchar") && (b.equals("text") || (b.equals("varchar") && growsOrDrops(from, to, 0)))) {
			return true;
		}
		if (a.equals("text") && b.equals("varchar") && to.modifiers().isEmpty()) {
			return true;
		}
		if (a.equals("numeric") && b.equals("numeric")) {
			return to.modifiers().isEmpty() || (!from.modifiers().isEmpty()
					&& to.modifier(0, 0) >= from.modifier(0, Integer.MAX_VALUE)
					&& to.modifier(1, 0) == from.modifier(1, 0));
		}
		if (a.equals("varbit") && b.equals("varbit")) {
			return growsOrDrops(from, to, 0);
		}
		if (a.equals(b) && List.of("timestamp", "timestamptz", "time", "timetz").contains(a)) {
			return growsOrDrops(from, to, 0);
		}
		if ((a.equals("timestamp") && b.equals("timestamptz")) || (a.equals("timestamptz") && b.equals("timestamp"))) {
			return isUtc(timeZone) && (to.modifiers().isEmpty() || to.modifiers().equals(from.modifiers()));
		}
		return a.equals("cidr") && b.equals("inet");
	}

	/** The new modifier is absent, or at least the old one (an absent old modifier only stays absent). */
	private static boolean growsOrDrops(TypeName from, TypeName to, int index) {
		if (to.modifiers().isEmpty()) {
			return true;
		}
		return !from.modifiers().isEmpty() && to.modifier(index, 0) >= from.modifier(index, Integer.MAX_VALUE);
	}

	static boolean isUtc(@Nullable String timeZone) {
		if (timeZone == null) {
			return false;
		}
		String zone = timeZone.trim().toUpperCase(Locale.ROOT);
		return zone.equals("UTC") || zone.equals("ETC/UTC") || zone.equals("GMT") || zone.equals("ETC/GMT")
				|| zone.equals("Z") || zone.equals("UCT") || zone.equals("ZULU") || zone.equals("UNIVERSAL")
				|| zone.equals("+00:00");
	}

}
