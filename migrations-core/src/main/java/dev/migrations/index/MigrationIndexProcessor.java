package dev.migrations.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

import com.sun.source.util.JavacTask;
import dev.migrations.core.MigrationChecksum;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@value MigrationIndex#LOCATION}: every class file of every package this compilation produced a class in,
 * with what the scan needs of it ({@code @MigrationId} id, whether it is a migration or seeder candidate) and, so
 * that a class compiled later without this processor is noticed, its class file's size and CRC-32 and, for
 * migrations, its checksum. Startup then reads the index instead of every class file of the scanned packages, after
 * comparing it with a listing of their class-file names (see {@link MigrationIndex}).
 * <p>
 * The sizes, CRCs and checksums come from the class files, which an annotation processor does not see: javac's
 * {@link TaskListener} does, when the compilation has finished. Outside javac (no {@link JavacTask}) the index has
 * no sizes and startup does not trust it (it scans, with a warning).
 * <p>
 * Incremental compilation: the previous index is merged; a class file this compilation did not produce keeps its
 * previous entry (with the size and CRC recorded then, so that a class recompiled without the processor does not
 * match), and one the previous index does not know is left out (so the index does not match, and startup scans).
 * <p>
 * Discovered on the class path by javac until JDK 22; JDK 23 and later run it with {@code -proc:full} or with
 * migrations-core on the processor path. {@code -Amigrations.index=false} turns it off.
 */
public final class MigrationIndexProcessor extends AbstractProcessor {

	private static final String MIGRATION = "dev.migrations.core.Migration";

	private static final String SEEDER = "dev.migrations.core.Seeder";

	private static final String MIGRATION_ID = "dev.migrations.core.MigrationId";

	/** {@code -Amigrations.index=false} writes no index (a library with no migrations, say). */
	static final String ENABLED_OPTION = "migrations.index";

	/** Classes of this compilation by binary name: their kind and declared id. */
	private final Map<String, IndexEntry> compiled = new HashMap<>();

	/** Top-level classes of this compilation, whose other class files (anonymous, local) are theirs too. */
	private final Set<String> compiledTopLevel = new HashSet<>();

	private boolean listening;

	private boolean disabled;

	private @Nullable Path indexFile;

	@Override
	public Set<String> getSupportedAnnotationTypes() {
		// Every class: the index accounts for each class file of a package, not only for the migrations.
		return Set.of("*");
	}

	@Override
	public Set<String> getSupportedOptions() {
		return Set.of(ENABLED_OPTION);
	}

	@Override
	public SourceVersion getSupportedSourceVersion() {
		return SourceVersion.latestSupported();
	}

	@Override
	public synchronized void init(ProcessingEnvironment processingEnv) {
		super.init(processingEnv);
		if ("false".equalsIgnoreCase(processingEnv.getOptions().get(ENABLED_OPTION))) {
			this.disabled = true;
			return;
		}
		try {
			JavacTask.instance(processingEnv).addTaskListener(new TaskListener() {

				@Override
				public void finished(TaskEvent event) {
					if (event.getKind() == TaskEvent.Kind.COMPILATION) {
						writeWithClassFiles();
					}
				}

			});
			this.listening = true;
		}
		catch (RuntimeException | LinkageError ex) {
			// Not javac, or javac behind a wrapper: the index is written without sizes, and startup scans.
			this.listening = false;
		}
	}

	@Override
	public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
		if (this.disabled) {
			return false;
		}
		TypeElement migration = this.processingEnv.getElementUtils().getTypeElement(MIGRATION);
		TypeElement seeder = this.processingEnv.getElementUtils().getTypeElement(SEEDER);
		if (migration == null) {
			return false;
		}
		for (TypeElement type : ElementFilter.typesIn(roundEnv.getRootElements())) {
			this.compiledTopLevel.add(binaryName(type));
			record(type, migration.asType(), (seeder != null) ? seeder.asType() : null);
		}
		if (roundEnv.processingOver() && !this.compiled.isEmpty()) {
			writeWithoutClassFiles();
		}
		return false;
	}

	private void record(TypeElement type, TypeMirror migration, @Nullable TypeMirror seeder) {
		String name = binaryName(type);
		this.compiled.put(name, new IndexEntry(name, kind(type, migration, seeder), -1, -1, declaredId(type), null));
		for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
			record(member, migration, seeder);
		}
	}

	private IndexEntry.Kind kind(TypeElement type, TypeMirror migration, @Nullable TypeMirror seeder) {
		boolean concrete = type.getKind() == ElementKind.CLASS && !type.getModifiers().contains(Modifier.ABSTRACT);
		boolean independent = type.getNestingKind() == NestingKind.TOP_LEVEL
				|| (type.getNestingKind() == NestingKind.MEMBER && type.getModifiers().contains(Modifier.STATIC));
		var types = this.processingEnv.getTypeUtils();
		TypeMirror erased = types.erasure(type.asType());
		boolean isMigration = types.isAssignable(erased, types.erasure(migration));
		boolean isSeeder = seeder != null && types.isAssignable(erased, types.erasure(seeder));
		if (!concrete || !independent || (!isMigration && !isSeeder)) {
			return IndexEntry.Kind.OTHER;
		}
		// Only the id and nothing else the scan reads (conditions, a bean name): the index replaces the class file.
		boolean onlyTheId = isMigration && !isSeeder && declaredId(type) != null
				&& type.getAnnotationMirrors().stream().allMatch(this::isIdOrSourceOnly);
		if (!onlyTheId) {
			return IndexEntry.Kind.READ;
		}
		return plain(type) ? IndexEntry.Kind.PLAIN : IndexEntry.Kind.MIGRATION;
	}

	/**
	 * Whether creating the class needs nothing from the container: one constructor, without parameters; no
	 * annotation that outlives the source on a constructor, parameter, field or method of the class or of a superclass;
	 * no interface outside the engine's (a Spring callback such as {@code InitializingBean} or an {@code Aware} one,
	 * or anything a post-processor could look for). When in doubt, not plain: it is then created as a bean.
	 */
	private boolean plain(TypeElement type) {
		List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
		if (constructors.size() != 1 || !constructors.get(0).getParameters().isEmpty()
				|| constructors.get(0).getModifiers().contains(Modifier.PRIVATE)) {
			return false;
		}
		for (TypeElement current = type; current != null; current = superclass(current)) {
			if (current.getQualifiedName().contentEquals("java.lang.Object")) {
				break;
			}
			if (current != type && !current.getAnnotationMirrors().stream().allMatch(this::isSourceOnly)) {
				return false;
			}
			for (TypeMirror implemented : current.getInterfaces()) {
				if (!engineInterface(implemented)) {
					return false;
				}
			}
			for (Element member : current.getEnclosedElements()) {
				if (member instanceof TypeElement) {
					// A nested class is not part of creating this one.
					continue;
				}
				if (!member.getAnnotationMirrors().stream().allMatch(this::isSourceOnly)) {
					return false;
				}
				if (member instanceof ExecutableElement executable) {
					for (VariableElement parameter : executable.getParameters()) {
						if (!parameter.getAnnotationMirrors().stream().allMatch(this::isSourceOnly)) {
							return false;
						}
					}
				}
			}
		}
		return true;
	}

	private @Nullable TypeElement superclass(TypeElement type) {
		TypeMirror superclass = type.getSuperclass();
		return (superclass.getKind() == TypeKind.DECLARED) ? (TypeElement) ((DeclaredType) superclass).asElement()
				: null;
	}

	/** An interface of the engine's API, and every interface it extends is too. */
	private boolean engineInterface(TypeMirror implemented) {
		if (!(implemented instanceof DeclaredType declared)
				|| !(declared.asElement() instanceof TypeElement element)) {
			return false;
		}
		String name = element.getQualifiedName().toString();
		if (!name.startsWith("dev.migrations.core.")) {
			return false;
		}
		for (TypeMirror parent : element.getInterfaces()) {
			if (!engineInterface(parent)) {
				return false;
			}
		}
		return true;
	}

	private boolean isSourceOnly(AnnotationMirror annotation) {
		TypeElement annotationType = (TypeElement) annotation.getAnnotationType().asElement();
		java.lang.annotation.Retention retention = annotationType.getAnnotation(java.lang.annotation.Retention.class);
		return retention != null && retention.value() == java.lang.annotation.RetentionPolicy.SOURCE;
	}

	private boolean isIdOrSourceOnly(AnnotationMirror annotation) {
		TypeElement annotationType = (TypeElement) annotation.getAnnotationType().asElement();
		if (annotationType.getQualifiedName().contentEquals(MIGRATION_ID)) {
			return true;
		}
		java.lang.annotation.Retention retention = annotationType.getAnnotation(java.lang.annotation.Retention.class);
		return retention != null && retention.value() == java.lang.annotation.RetentionPolicy.SOURCE;
	}

	private static @Nullable String declaredId(TypeElement type) {
		for (AnnotationMirror annotation : type.getAnnotationMirrors()) {
			if (((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName()
				.contentEquals(MIGRATION_ID)) {
				for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> value : annotation
					.getElementValues()
					.entrySet()) {
					if (value.getKey().getSimpleName().contentEquals("value")
							&& value.getValue().getValue() instanceof String id) {
						return id;
					}
				}
			}
		}
		return null;
	}

	private String binaryName(TypeElement type) {
		return this.processingEnv.getElementUtils().getBinaryName(type).toString();
	}

	/** At the end of processing: where the index goes and, outside javac, the index without class-file facts. */
	private void writeWithoutClassFiles() {
		try {
			FileObject resource = this.processingEnv.getFiler()
				.createResource(StandardLocation.CLASS_OUTPUT, "", MigrationIndex.LOCATION);
			if ("file".equals(resource.toUri().getScheme())) {
				this.indexFile = Path.of(resource.toUri());
			}
			if (this.listening && this.indexFile != null) {
				// Written when the class files exist (writeWithClassFiles).
				return;
			}
			Map<String, IndexEntry> entries = new TreeMap<>(this.compiled);
			try (Writer writer = resource.openWriter()) {
				writer.write(MigrationIndex.render(entries.values()));
			}
		}
		catch (IOException ex) {
			this.processingEnv.getMessager()
				.printMessage(Diagnostic.Kind.WARNING, "Could not write " + MigrationIndex.LOCATION + ": " + ex);
		}
	}

	/** When the compilation has finished: every class file of the packages concerned, merged with the old index. */
	private void writeWithClassFiles() {
		Path file = this.indexFile;
		if (file == null || this.compiled.isEmpty()) {
			return;
		}
		try {
			Path root = file.getParent().getParent().getParent();
			Map<String, IndexEntry> previous = new HashMap<>();
			if (Files.isRegularFile(file)) {
				for (IndexEntry entry : MigrationIndex.parse(Files.readString(file))) {
					previous.put(entry.className(), entry);
				}
			}
			Set<String> packages = new HashSet<>();
			this.compiled.values().forEach((entry) -> packages.add(entry.packageName()));
			previous.values().forEach((entry) -> packages.add(entry.packageName()));
			Map<String, IndexEntry> entries = new TreeMap<>();
			// The checksums are read from the class files just written, as MigrationChecksum reads them at runtime.
			try (URLClassLoader classFiles = new URLClassLoader(new URL[] { root.toUri().toURL() }, null)) {
				for (String packageName : packages) {
					Path directory = packageName.isEmpty() ? root : root.resolve(packageName.replace('.', '/'));
					for (Path classFile : classFiles(directory)) {
						String fileName = classFile.getFileName().toString();
						String className = (packageName.isEmpty() ? "" : packageName + ".")
								+ fileName.substring(0, fileName.length() - ".class".length());
						IndexEntry entry = entryOf(className, classFile, classFiles, previous);
						if (entry != null) {
							entries.put(className, entry);
						}
					}
				}
			}
			Files.createDirectories(file.getParent());
			Files.writeString(file, MigrationIndex.render(entries.values()));
		}
		catch (IOException | UncheckedIOException ex) {
			this.processingEnv.getMessager()
				.printMessage(Diagnostic.Kind.WARNING, "Could not write " + MigrationIndex.LOCATION + ": " + ex);
		}
	}

	private @Nullable IndexEntry entryOf(String className, Path classFile, ClassLoader classFiles,
			Map<String, IndexEntry> previous) throws IOException {
		IndexEntry fresh = this.compiled.get(className);
		if (fresh == null && this.compiledTopLevel.contains(topLevel(className))) {
			// An anonymous or local class of a class compiled now.
			fresh = new IndexEntry(className, IndexEntry.Kind.OTHER, -1, -1, null, null);
		}
		if (fresh == null) {
			// Not compiled now: what the previous index said, or nothing (so that startup does not trust the index).
			return previous.get(className);
		}
		byte[] bytes = Files.readAllBytes(classFile);
		CRC32 crc = new CRC32();
		crc.update(bytes);
		String checksum = fresh.isIndexedMigration() ? checksum(classFiles, className) : null;
		return fresh.withFile(bytes.length, crc.getValue(), checksum);
	}

	private static @Nullable String checksum(ClassLoader classFiles, String className) {
		try {
			return MigrationChecksum.of(classFiles, className);
		}
		catch (RuntimeException | LinkageError ex) {
			// No ASM (spring-core) on the processor's class path: the index has no checksum, the history is read.
			return null;
		}
	}

	private static String topLevel(String className) {
		int dollar = className.indexOf('$', className.lastIndexOf('.') + 1);
		return (dollar < 0) ? className : className.substring(0, dollar);
	}

	private static List<Path> classFiles(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".class") && Files.isRegularFile(path))
				.toList();
		}
	}


}
