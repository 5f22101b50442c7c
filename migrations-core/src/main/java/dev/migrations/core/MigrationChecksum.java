package dev.migrations.core;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.Opcodes;

/**
 * The one checksum of a migration or seeder class: SHA-256 of its class file and those of its nested classes, with
 * debug information stripped, so that reformatting and comments do not change it and a changed statement does.
 * (Stand-in with the API of the shared foundation; replaced by main's on merge.)
 */
public final class MigrationChecksum {

	private MigrationChecksum() {
	}

	/** The checksum of the class, read through the loader without loading it; {@code null} when unreadable. */
	public static @Nullable String of(ClassLoader loader, String className) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			if (!add(loader, className.replace('.', '/'), digest)) {
				return null;
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			return null;
		}
	}

	/** The checksum of a loaded class; {@code null} when its class file cannot be read. */
	public static @Nullable String of(Class<?> type) {
		ClassLoader loader = (type.getClassLoader() != null) ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
		return of(loader, type.getName());
	}

	private static boolean add(ClassLoader loader, String internalName, MessageDigest digest) throws IOException {
		byte[] bytes;
		try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
			if (in == null) {
				return false;
			}
			bytes = in.readAllBytes();
		}
		ClassReader reader = new ClassReader(bytes);
		ClassWriter writer = new ClassWriter(0);
		TreeSet<String> nested = new TreeSet<>();
		reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {

			@Override
			public void visitInnerClass(String name, @Nullable String outerName, @Nullable String innerName, int access) {
				if (!name.equals(internalName) && name.startsWith(internalName + "$")) {
					nested.add(name);
				}
				super.visitInnerClass(name, outerName, innerName, access);
			}

		}, ClassReader.SKIP_DEBUG);
		digest.update(writer.toByteArray());
		List<String> names = new ArrayList<>(nested);
		for (String name : names) {
			add(loader, name, digest);
		}
		return true;
	}

}
