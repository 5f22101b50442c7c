package dev.migrations.index;

import java.util.Locale;

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
 * @param id the id its {@code @MigrationId} declares, for {@link Kind#MIGRATION}
 * @param checksum its {@code MigrationChecksum}, for {@link Kind#MIGRATION}, when known
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

		static Kind of(String code) {
			for (Kind kind : values()) {
				if (kind.code.equals(code)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("Unknown kind '" + code + "'");
		}

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
		String[] fields = line.split("\t", -1);
		if (fields.length != 6) {
			throw new IllegalArgumentException("Malformed index line '" + line + "'");
		}
		long crc = "-1".equals(fields[3]) ? -1 : Long.parseLong(fields[3].toLowerCase(Locale.ROOT), 16);
		return new IndexEntry(fields[0], Kind.of(fields[1]), Long.parseLong(fields[2]), crc, orNull(fields[4]),
				orNull(fields[5]));
	}

	IndexEntry withFile(long size, long crc, @Nullable String checksum) {
		return new IndexEntry(this.className, this.kind, size, crc, this.id, checksum);
	}

	private static String orDash(@Nullable String value) {
		return (value != null) ? value : "-";
	}

	private static @Nullable String orNull(String field) {
		return "-".equals(field) ? null : field;
	}

}
