package dev.migrations.schema;

import org.jspecify.annotations.Nullable;

/**
 * One object whose definition differs between two {@link CatalogSnapshot catalogs}.
 *
 * @param object what the object is, by kind and name ({@code column public.users.email})
 * @param expected its definition in the expected catalog, {@code null} when it is not there
 * @param actual its definition in the actual catalog, {@code null} when it is not there
 */
public record CatalogDifference(String object, @Nullable String expected, @Nullable String actual) {

	/** How the actual catalog differs from the expected one for this object. */
	public enum Kind {

		/** In the actual catalog only. */
		ADDED,

		/** In the expected catalog only. */
		REMOVED,

		/** In both, with another definition. */
		CHANGED

	}

	/** How the actual catalog differs from the expected one for this object. */
	public Kind kind() {
		if (this.expected == null) {
			return Kind.ADDED;
		}
		return (this.actual == null) ? Kind.REMOVED : Kind.CHANGED;
	}

	@Override
	public String toString() {
		return switch (kind()) {
			case ADDED -> "added " + this.object + describe(this.actual);
			case REMOVED -> "removed " + this.object + describe(this.expected);
			case CHANGED -> "changed " + this.object + ": expected" + describe(this.expected) + ", found"
					+ describe(this.actual);
		};
	}

	private static String describe(@Nullable String definition) {
		return (definition == null || definition.isEmpty()) ? "" : " " + definition;
	}

}
