package dev.migrations.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.SpringAsmInfo;

/**
 * The checksum of a migration or seeder class: a SHA-256 of its bytecode and of the bytecode of the classes nested
 * in it (member, local and anonymous classes), each read without debug information. Line numbers, local variable
 * names and the source file name are left out, so reformatting the source or editing a comment keeps the checksum;
 * a changed statement, a changed string or a changed constant changes it.
 * <p>
 * Class files are read as resources, never loaded: computing the checksum of an applied migration does not
 * initialize it. Code in other classes (a helper the migration calls) is not covered.
 */
public final class MigrationChecksum {

	private static final HexFormat HEX = HexFormat.of();

	private MigrationChecksum() {
	}

	/**
	 * The checksum of the named class, read through the class loader without loading the class.
	 * @param classLoader the loader whose resources hold the class file
	 * @param className the binary name of the class ({@code com.example.Outer$Inner} for a nested class)
	 * @return the checksum, 64 lowercase hex digits, or {@code null} when the class file cannot be read (a class
	 * generated at runtime, say)
	 */
	public static @Nullable String of(ClassLoader classLoader, String className) {
		MessageDigest digest = sha256();
		return add(classLoader, className.replace('.', '/'), digest) ? HEX.formatHex(digest.digest()) : null;
	}

	/**
	 * The checksum of a loaded class; see {@link #of(ClassLoader, String)}.
	 * @param type the class
	 * @return the checksum, or {@code null} when its class file cannot be read
	 */
	public static @Nullable String of(Class<?> type) {
		ClassLoader classLoader = (type.getClassLoader() != null) ? type.getClassLoader()
				: ClassLoader.getSystemClassLoader();
		return of(classLoader, type.getName());
	}

	/** Adds the class file and those of its nested classes, in name order, to the digest. */
	private static boolean add(ClassLoader classLoader, String internalName, MessageDigest digest) {
		byte[] bytes = read(classLoader, internalName);
		if (bytes == null) {
			return false;
		}
		ClassReader reader = new ClassReader(bytes);
		ClassWriter writer = new ClassWriter(0);
		Set<String> nested = new TreeSet<>();
		reader.accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION, writer) {

			@Override
			public void visitInnerClass(String name, @Nullable String outerName, @Nullable String innerName,
					int access) {
				// The attribute also lists the classes this one is nested in, other classes' nested classes that it
				// uses and classes nested deeper: only those directly below it are taken here, the deeper ones by
				// their own parents, so that each counts once.
				String prefix = internalName + "$";
				if (name.startsWith(prefix) && name.indexOf('$', prefix.length()) < 0) {
					nested.add(name);
				}
				super.visitInnerClass(name, outerName, innerName, access);
			}

		}, ClassReader.SKIP_DEBUG);
		digest.update(internalName.getBytes(StandardCharsets.UTF_8));
		digest.update(writer.toByteArray());
		for (String name : nested) {
			// A nested class whose file is gone (stripped from a jar) counts as its name alone.
			if (!add(classLoader, name, digest)) {
				digest.update(name.getBytes(StandardCharsets.UTF_8));
			}
		}
		return true;
	}

	private static byte @Nullable [] read(ClassLoader classLoader, String internalName) {
		try (InputStream in = classLoader.getResourceAsStream(internalName + ".class")) {
			return (in != null) ? in.readAllBytes() : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the class file of " + internalName.replace('/', '.'), ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
