package dev.migrations.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The build-time index of the classes of the application's packages, written by {@link MigrationIndexProcessor}
 * into every class output directory (so into every jar) as {@value #LOCATION}, read at startup instead of every class
 * file of the scanned packages. Every copy on the class path is read and merged.
 * <p>
 * An index is used for a package only when it accounts for exactly the class files that a listing of the package
 * finds ({@link #verify}): a class added, removed or recompiled without the processor makes it not match, and the
 * caller scans the package instead.
 */
public final class MigrationIndex {

	/** Where the index is, relative to a class path root. */
	public static final String LOCATION = "META-INF/migrations/index";

	/**
	 * How many class files the index does not list are read at least, before the package is scanned instead; more
	 * when the index lists more classes of the package.
	 */
	static final int UNINDEXED_READ = 64;

	private static final String HEADER = "# migrations index 1: class, kind, size, crc32, id, checksum";

	private final Map<String, IndexEntry> entries;

	private MigrationIndex(Map<String, IndexEntry> entries) {
		this.entries = entries;
	}

	/**
	 * Every index on the class path, merged; {@code null} when there is none.
	 * @throws UncheckedIOException when an index cannot be read
	 * @throws IllegalArgumentException when an index is malformed
	 */
	public static @Nullable MigrationIndex load(ClassLoader classLoader) {
		try {
			Enumeration<URL> resources = classLoader.getResources(LOCATION);
			if (!resources.hasMoreElements()) {
				return null;
			}
			Map<String, IndexEntry> entries = new HashMap<>();
			while (resources.hasMoreElements()) {
				String text = read(resources.nextElement());
				for (IndexEntry entry : parse(text)) {
					// The first on the class path wins, as it does for the class itself.
					entries.putIfAbsent(entry.className(), entry);
				}
			}
			return new MigrationIndex(entries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + LOCATION, ex);
		}
	}

	/**
	 * The resource's text, read into one array of its length when the connection knows it (a file, a jar entry):
	 * {@code readAllBytes} would grow a chain of buffers and copy them, twice the index's size at every restart.
	 */
	private static String read(URL resource) throws IOException {
		URLConnection connection = resource.openConnection();
		long length = connection.getContentLengthLong();
		try (InputStream in = connection.getInputStream()) {
			if (length < 0 || length > Integer.MAX_VALUE - 8) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			byte[] bytes = in.readNBytes((int) length);
			// Empty unless the resource is longer than its connection said.
			byte[] rest = in.readAllBytes();
			if (rest.length > 0) {
				byte[] whole = Arrays.copyOf(bytes, bytes.length + rest.length);
				System.arraycopy(rest, 0, whole, bytes.length, rest.length);
				bytes = whole;
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}

	/**
	 * The index entries of a package and its sub-packages when they account for exactly the class files listed there.
	 * @param basePackage the package scanned
	 * @param listing the class files of the package and its sub-packages on the class path
	 * @return the entries, or the differences when they do not match
	 */
	public Verification verify(String basePackage, ClassFileListing listing) {
		return verify(basePackage, listing, (className) -> false);
	}

	/**
	 * The index entries of a package and its sub-packages when they account for the class files listed there, a class
	 * file the index does not list being accepted when the caller, reading it, finds it is no migration or seeder (the
	 * classes Spring AOT generates beside the application's, say). Up to as many such class files as the index lists
	 * for the package (at least {@value #UNINDEXED_READ}) are read; with more, the package is scanned anyway.
	 * @param basePackage the package scanned
	 * @param listing the class files of the package and its sub-packages on the class path
	 * @param notACandidate reads an un-indexed class file and says whether the scan would skip it
	 * @return the entries, or the differences when they do not match
	 */
	public Verification verify(String basePackage, ClassFileListing listing, Predicate<String> notACandidate) {
		String prefix = basePackage.isEmpty() ? "" : basePackage + ".";
		List<IndexEntry> indexed = new ArrayList<>();
		for (IndexEntry entry : this.entries.values()) {
			if (entry.className().startsWith(prefix)) {
				indexed.add(entry);
			}
		}
		List<String> differences = new ArrayList<>();
		Map<String, ClassFileListing.ClassFile> files = listing.files();
		for (IndexEntry entry : indexed) {
			ClassFileListing.ClassFile file = files.get(entry.className());
			if (file == null) {
				differences.add(entry.className() + " is indexed but has no class file");
			}
			else if (entry.size() < 0) {
				differences.add(entry.className() + " is indexed without its class file's size (the index was not "
						+ "written by javac)");
			}
			else if (entry.size() != file.size() || (file.crc() >= 0 && entry.crc() >= 0 && entry.crc() != file.crc())) {
				differences.add(entry.className() + " changed since the index was written");
			}
		}
		List<String> unindexed = new ArrayList<>();
		for (String className : files.keySet()) {
			if (!this.entries.containsKey(className)) {
				unindexed.add(className);
			}
		}
		unindexed.sort(null);
		// Reading them costs less than the scan; past the package's own classes (or a floor), the scan is as cheap.
		boolean read = differences.isEmpty() && unindexed.size() <= Math.max(UNINDEXED_READ, indexed.size());
		for (String className : unindexed) {
			if (!read || !notACandidate.test(className)) {
				differences.add(className + " is not in the index");
			}
		}
		differences.sort(null);
		return new Verification(differences.isEmpty() ? indexed : List.of(), differences);
	}

	/**
	 * What {@link #verify} found.
	 *
	 * @param entries the entries of the package, when the index matches its class files
	 * @param differences what does not match, sorted; empty when the index can be used
	 */
	public record Verification(List<IndexEntry> entries, List<String> differences) {

		/** Whether the index accounts for exactly the package's class files. */
		public boolean matches() {
			return this.differences.isEmpty();
		}

	}

	static String render(Collection<IndexEntry> entries) {
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		for (IndexEntry entry : entries) {
			text.append(entry.line()).append('\n');
		}
		return text.toString();
	}

	static List<IndexEntry> parse(String text) {
		List<IndexEntry> entries = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				end = text.length();
			}
			int last = (end > start && text.charAt(end - 1) == '\r') ? end - 1 : end;
			if (last > start && text.charAt(start) != '#' && !text.substring(start, last).isBlank()) {
				entries.add(IndexEntry.parse(text, start, last));
			}
			start = end + 1;
		}
		return entries;
	}

}
