package dev.migrations.index;

import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class files of a package and its sub-packages on the class path, by class name, with their sizes (and, in a
 * jar, the CRC-32 its central directory records): what a directory or jar listing gives without reading a class. It
 * looks where a classpath scan of the package looks ({@link ClassLoader#getResources} of the package's path).
 *
 * @param files each class file by binary class name
 */
public record ClassFileListing(Map<String, ClassFile> files) {

	/** Deeper than any package: a directory link that loops ends here rather than overflowing the stack. */
	private static final int MAX_DEPTH = 64;

	/**
	 * One class file.
	 *
	 * @param size its size in bytes
	 * @param crc its CRC-32 from a jar's central directory, {@code -1} in a directory
	 */
	public record ClassFile(long size, long crc) {

	}

	/**
	 * Lists the class files of a package.
	 * @throws IOException when a location cannot be listed, or is neither a directory nor a jar
	 */
	public static ClassFileListing of(ClassLoader classLoader, String basePackage) throws IOException {
		String path = basePackage.replace('.', '/');
		Map<String, ClassFile> files = new HashMap<>();
		Enumeration<URL> roots = classLoader.getResources(path.isEmpty() ? "" : path + "/");
		while (roots.hasMoreElements()) {
			URL root = roots.nextElement();
			if ("file".equals(root.getProtocol())) {
				listDirectory(toPath(root), basePackage, files);
			}
			else {
				URLConnection connection = root.openConnection();
				if (!(connection instanceof JarURLConnection jar)) {
					throw new IOException("Cannot list " + root + " (neither a directory nor a jar)");
				}
				listJar(jar, files);
			}
		}
		return new ClassFileListing(files);
	}

	private static void listDirectory(Path directory, String basePackage, Map<String, ClassFile> files) {
		// A plain loop over java.io.File: one directory read per package and one length per class file. A no-op
		// restart runs this interpreted, where a stream over Files.find costs several times as much per file.
		listDirectory(directory.toFile(), basePackage.isEmpty() ? "" : basePackage + ".", files, 0);
	}

	private static void listDirectory(File directory, String prefix, Map<String, ClassFile> files, int depth) {
		String[] names = directory.list();
		if (names == null || depth > MAX_DEPTH) {
			return;
		}
		for (String name : names) {
			File file = new File(directory, name);
			if (name.endsWith(".class")) {
				// One stat per class file: a name ending in .class is a class file (a package name has no dot).
				files.putIfAbsent(prefix + name.substring(0, name.length() - ".class".length()),
						new ClassFile(file.length(), -1));
			}
			else if (name.indexOf('.') < 0 && file.isDirectory()) {
				// Only what can be a package: a name without a dot (META-INF, resources with extensions are not).
				listDirectory(file, prefix + name + ".", files, depth + 1);
			}
		}
	}

	private static void listJar(JarURLConnection connection, Map<String, ClassFile> files) throws IOException {
		String prefix = connection.getEntryName();
		JarFile jar = connection.getJarFile();
		try {
			Enumeration<JarEntry> entries = jar.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				String name = entry.getName();
				if (name.startsWith(prefix) && name.endsWith(".class") && !entry.isDirectory()) {
					String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
					// A jar's own entry prefix (a nested BOOT-INF/classes/ root is a jar of its own) is not the package.
					files.putIfAbsent(className, new ClassFile(entry.getSize(), entry.getCrc()));
				}
			}
		}
		finally {
			if (!connection.getUseCaches()) {
				jar.close();
			}
		}
	}

	private static Path toPath(URL url) throws IOException {
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw new IOException("Cannot list " + url, ex);
		}
	}

}
