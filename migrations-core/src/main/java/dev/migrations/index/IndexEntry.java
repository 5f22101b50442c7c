package dev.migrations.index;

import org.jspecify.annotations.Nullable;

/**
 * One class file of an indexed package, as the {@linkplain MigrationIndexProcessor processor} recorded it: one line of
 * {@value MigrationIndex#LOCATION}, its fields separated by tabs:
 * {@code binaryName kind size crc32 id checksum} ({@code -} for an absent id or checksum, {@code -1} for an unknown
 * size or CRC).
 *
 * @param className the binary name of the class
 * @param kind what the class is to the scan
 * @param size the size of its class file in bytes, {@code -1} when not known
 * @param crc the CRC-32 of its class file (what a jar's central directory records), {@code -1} when not known
 * @param id the id its {@code @MigrationId} declares, for {@link Kind#MIGRATION} and {@link Kind#PLAIN}
 * @param checksum its {@code MigrationChecksum}, for {@link Kind#MIGRATION} and {@link Kind#PLAIN}, when known
 */
public record IndexEntry(String className, Kind kind, long size, long crc, @Nullable String id,
		@Nullable String checksum) {

	/** What a class file is to the scan. */
	public enum Kind {

		/**
		 * A concrete {@code Migration} with a {@code @MigrationId} and no other annotation: the index says all the
		 * scan would read from it.
		 */
		MIGRATION("M"),

		/**
		 * A {@link #MIGRATION} that needs nothing from the container to be created: one constructor, without
		 * parameters, and no annotation (other than source-only ones) on any constructor, field or method of the
		 * class or its superclasses, nor an interface outside the engine's. The starter creates it with its
		 * constructor instead of as a bean: a thousand of them are created without the post-processors' reflection.
		 */
		PLAIN("P"),

		/**
		 * A concrete {@code Migration} or {@code Seeder} the scan registers as a bean definition (a seeder, a
		 * migration without {@code @MigrationId}, or one with other annotations such as {@code @Profile}): its class
		 * file is read at startup, as the scan would.
		 */
		READ("R"),

		/** Any other class: not a candidate; listed so that the index accounts for every class file. */
		OTHER("-");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		private static final Kind[] ALL = values();

		/** The kind whose code is {@code text[start, end)}, without a copy of it. */
		static Kind of(String text, int start, int end) {
			for (Kind kind : ALL) {
				if (kind.code.length() == end - start && text.startsWith(kind.code, start)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("Unknown kind '" + text.substring(start, end) + "'");
		}

	}

	/** Whether the index records all the scan would read: a {@link Kind#MIGRATION} or a {@link Kind#PLAIN} one. */
	public boolean isIndexedMigration() {
		return this.kind == Kind.MIGRATION || this.kind == Kind.PLAIN;
	}

	/** The package of the class. */
	public String packageName() {
		int dot = this.className.lastIndexOf('.');
		return (dot < 0) ? "" : this.className.substring(0, dot);
	}

	String line() {
		return this.className + "\t" + this.kind.code + "\t" + this.size + "\t"
				+ ((this.crc < 0) ? "-1" : Long.toHexString(this.crc)) + "\t" + orDash(this.id) + "\t"
				+ orDash(this.checksum);
	}

	static IndexEntry parse(String line) {
		return parse(line, 0, line.length());
	}

	/**
	 * Parses the line {@code text[start, end)}: six fields separated by tabs. By offsets rather than a split, as
	 * every restart parses every line before the JIT has compiled anything.
	 */
	static IndexEntry parse(String text, int start, int end) {
		int[] tabs = new int[5];
		int from = start;
		for (int i = 0; i < tabs.length; i++) {
			int tab = text.indexOf('\t', from);
			if (tab < 0 || tab >= end) {
				throw malformed(text, start, end);
			}
			tabs[i] = tab;
			from = tab + 1;
		}
		if (text.indexOf('\t', from) >= 0 && text.indexOf('\t', from) < end) {
			throw malformed(text, start, end);
		}
		try {
			// The kind and the CRC are read in place: only the class name, the id and the checksum are kept as strings.
			boolean noCrc = tabs[3] - tabs[2] - 1 == 2 && text.startsWith("-1", tabs[2] + 1);
			return new IndexEntry(text.substring(start, tabs[0]), Kind.of(text, tabs[0] + 1, tabs[1]),
					Long.parseLong(text, tabs[1] + 1, tabs[2], 10),
					noCrc ? -1 : Long.parseLong(text, tabs[2] + 1, tabs[3], 16),
					orNull(text, tabs[3] + 1, tabs[4]), orNull(text, tabs[4] + 1, end));
		}
		catch (NumberFormatException ex) {
			throw malformed(text, start, end);
		}
	}

	private static IllegalArgumentException malformed(String text, int start, int end) {
		return new IllegalArgumentException("Malformed index line '" + text.substring(start, end) + "'");
	}

	IndexEntry withFile(long size, long crc, @Nullable String checksum) {
		return new IndexEntry(this.className, this.kind, size, crc, this.id, checksum);
	}

	private static String orDash(@Nullable String value) {
		return (value != null) ? value : "-";
	}

	private static @Nullable String orNull(String text, int start, int end) {
		return (end - start == 1 && text.charAt(start) == '-') ? null : text.substring(start, end);
	}

}
