package dev.migrations.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationId;
import dev.migrations.core.Seeder;
import dev.migrations.index.ClassFileListing;
import dev.migrations.index.IndexEntry;
import dev.migrations.index.MigrationIndex;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Finds the {@link Migration} and {@link Seeder} classes of a package: from the build-time {@link MigrationIndex}
 * when it accounts for exactly the package's class files (a listing of names and sizes, no class read), otherwise,
 * with a warning naming the package and what differs, by reading every class file as Spring's classpath scan does.
 * Either way the result is the same: the index records what the scan would read ({@code @MigrationId}, whether the
 * class is a candidate), and classes with more to read (seeders, {@code @Profile}, no id) are read one by one.
 */
final class MigrationClassScanner extends ClassPathScanningCandidateComponentProvider {

	private static final Log logger = LogFactory.getLog(MigrationClassScanner.class);

	private static final int DIFFERENCES_SHOWN = 5;

	private final @Nullable MigrationIndex index;

	MigrationClassScanner(Environment environment, ResourceLoader resourceLoader) {
		super(false, environment);
		setResourceLoader(resourceLoader);
		addIncludeFilter(new AssignableTypeFilter(Migration.class));
		// Seeders too; the environment makes the scanner honor @Profile and other @Conditional annotations.
		addIncludeFilter(new AssignableTypeFilter(Seeder.class));
		this.index = MigrationIndex.load(classLoader());
	}

	/**
	 * A class found in a package.
	 *
	 * @param className its name
	 * @param definition its bean definition as the scan gives it; {@code null} for a migration the index recorded
	 * with its id, which needs none
	 * @param id the id its {@code @MigrationId} declares, when it has one
	 * @param checksum its checksum from the index, when known
	 * @param plain whether the index found that creating it needs nothing from the container
	 */
	record Found(String className, @Nullable BeanDefinition definition, @Nullable String id,
			@Nullable String checksum, boolean plain) {

		static Found scanned(BeanDefinition definition, @Nullable String id) {
			return new Found(Objects.requireNonNull(definition.getBeanClassName()), definition, id, null, false);
		}

	}

	/** The migration and seeder classes of the package and its sub-packages. */
	List<Found> find(String basePackage) {
		List<Found> indexed = fromIndex(basePackage);
		if (indexed != null) {
			return indexed;
		}
		List<Found> found = new ArrayList<>();
		for (BeanDefinition candidate : findCandidateComponents(basePackage)) {
			found.add(Found.scanned(candidate, declaredMigrationId(candidate)));
		}
		return found;
	}

	private @Nullable List<Found> fromIndex(String basePackage) {
		if (this.index == null) {
			logger.debug("No " + MigrationIndex.LOCATION + " on the class path: scanning package '" + basePackage + "'");
			return null;
		}
		MigrationIndex.Verification verification;
		try {
			// A class file the index does not list (Spring AOT generates some beside the application's classes) is
			// read: when the scan would skip it, the index still accounts for the package.
			verification = this.index.verify(basePackage, ClassFileListing.of(classLoader(), basePackage),
					this::notACandidate);
		}
		catch (IOException ex) {
			logger.warn("Could not list the class files of package '" + basePackage + "' to check the migrations "
					+ "index (" + ex.getMessage() + "); scanning the package instead");
			return null;
		}
		if (!verification.matches()) {
			List<String> differences = verification.differences();
			logger.warn("The migrations index (" + MigrationIndex.LOCATION + ") does not match the class files of "
					+ "package '" + basePackage + "': "
					+ String.join("; ", differences.subList(0, Math.min(DIFFERENCES_SHOWN, differences.size())))
					+ ((differences.size() > DIFFERENCES_SHOWN) ? "; and " + (differences.size() - DIFFERENCES_SHOWN)
							+ " more" : "")
					+ ". Scanning the package instead; compile it with the migrations-core annotation processor "
					+ "(see docs/startup-index.md) to skip the scan.");
			return null;
		}
		List<Found> found = new ArrayList<>();
		List<IndexEntry> entries = new ArrayList<>(verification.entries());
		entries.sort(Comparator.comparing(IndexEntry::className));
		for (IndexEntry entry : entries) {
			if (entry.isIndexedMigration()) {
				found.add(new Found(entry.className(), null, entry.id(), entry.checksum(),
						entry.kind() == IndexEntry.Kind.PLAIN));
			}
			else if (entry.kind() == IndexEntry.Kind.READ) {
				BeanDefinition candidate = read(entry.className());
				if (candidate != null) {
					found.add(Found.scanned(candidate, declaredMigrationId(candidate)));
				}
			}
		}
		return found;
	}

	/** Whether the scan would skip the class, read from its class file; {@code false} when it cannot be read. */
	private boolean notACandidate(String className) {
		try {
			return read(className) == null;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/** Reads one class file and applies the scan's filters and conditions to it. */
	private @Nullable BeanDefinition read(String className) {
		try {
			MetadataReader reader = getMetadataReaderFactory().getMetadataReader(className);
			if (isCandidateComponent(reader)) {
				ScannedGenericBeanDefinition definition = new ScannedGenericBeanDefinition(reader);
				definition.setSource(reader.getResource());
				definition.setResource(reader.getResource());
				if (isCandidateComponent(definition)) {
					return definition;
				}
			}
			return null;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the class file of " + className
					+ " in the migrations' packages", ex);
		}
	}

	/** The id of a {@link Migration} class annotated {@code @MigrationId}, read without loading it. */
	private static @Nullable String declaredMigrationId(BeanDefinition candidate) {
		if (candidate instanceof AnnotatedBeanDefinition annotated) {
			Map<String, @Nullable Object> attributes = annotated.getMetadata()
				.getAnnotationAttributes(MigrationId.class.getName());
			if (attributes != null && attributes.get("value") instanceof String id) {
				return id;
			}
		}
		return null;
	}

	private ClassLoader classLoader() {
		ClassLoader classLoader = getResourceLoader().getClassLoader();
		return (classLoader != null) ? classLoader : MigrationClassScanner.class.getClassLoader();
	}

}
