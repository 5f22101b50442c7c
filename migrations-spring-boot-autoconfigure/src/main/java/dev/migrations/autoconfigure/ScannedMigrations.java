package dev.migrations.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationChecksum;
import dev.migrations.core.MigrationSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanFactory;
import org.springframework.beans.factory.support.MergedBeanDefinitionPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * The {@link dev.migrations.core.MigrationId @MigrationId} classes that scanning found, by class name and id, read
 * from their class files without loading them. Each is created only when it has to run, as a bean with dependency
 * injection, or with its constructor when the build-time index found it needs nothing from the container: a restart
 * with a thousand applied migrations loads none of them.
 * <p>
 * Its bean definition supplies the instance directly and carries the candidates as an attribute, not as constructor
 * arguments: Spring would otherwise resolve each of thousands of strings as a placeholder and an expression at every
 * startup. Spring AOT writes the candidates into a generated resource that the generated code reads
 * ({@link ScannedMigrationsAotProcessor}), so an application built with AOT does not scan the classpath at startup,
 * and no generated method grows with the number of migrations.
 */
final class ScannedMigrations {

	/** The attribute of the bean definition that holds the candidates, for processing at build time. */
	static final String CANDIDATES_ATTRIBUTE = ScannedMigrations.class.getName() + ".candidates";

	private static final char SEPARATOR = '\t';

	private static final String PLAIN = "P";

	private final List<Candidate> candidates;

	ScannedMigrations(List<Candidate> candidates) {
		this.candidates = List.copyOf(candidates);
	}

	/** The bean definition of the scanned candidates. */
	static AbstractBeanDefinition beanDefinition(List<Candidate> candidates) {
		List<Candidate> copy = List.copyOf(candidates);
		RootBeanDefinition definition = new RootBeanDefinition(ScannedMigrations.class,
				() -> new ScannedMigrations(copy));
		definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		definition.setAttribute(CANDIDATES_ATTRIBUTE, copy);
		return definition;
	}

	/** The candidates recorded in a {@link #beanDefinition(List) bean definition}; empty when it has none. */
	static List<Candidate> candidates(BeanDefinition definition) {
		List<Candidate> candidates = new ArrayList<>();
		if (definition.getAttribute(CANDIDATES_ATTRIBUTE) instanceof List<?> list) {
			for (Object candidate : list) {
				candidates.add((Candidate) candidate);
			}
		}
		return candidates;
	}

	/** The class names recorded in a {@link #beanDefinition(List) bean definition}, for build-time hints. */
	static List<String> classNames(BeanDefinition definition) {
		return candidates(definition).stream().map(Candidate::className).toList();
	}

	/**
	 * The candidates as text, one per line: name, class name, id, checksum (empty when not known) and {@code P} for a
	 * plain one (else empty), separated by tabs. What {@link ScannedMigrationsAotProcessor} writes at build time and {@link #fromResource} reads.
	 * @throws IllegalStateException when a value contains a tab or a line break, naming its class
	 */
	static String render(List<Candidate> candidates) {
		StringBuilder text = new StringBuilder();
		for (Candidate candidate : candidates) {
			String checksum = (candidate.checksum() != null) ? candidate.checksum() : "";
			for (String value : new String[] { candidate.name(), candidate.className(), candidate.id(), checksum }) {
				if (value.indexOf(SEPARATOR) >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
					throw new IllegalStateException("Migration class " + candidate.className() + " has a name, id or "
							+ "checksum with a tab or a line break ('" + value + "'); a migration id is "
							+ "YYYYMMDDHHMMSS_description of letters, digits, '_', '-' or '.'");
				}
			}
			text.append(candidate.name()).append(SEPARATOR).append(candidate.className()).append(SEPARATOR)
				.append(candidate.id()).append(SEPARATOR).append(checksum).append(SEPARATOR)
				.append(candidate.plain() ? PLAIN : "").append('\n');
		}
		return text.toString();
	}

	/**
	 * The candidates that Spring AOT wrote to a resource at build time.
	 * @throws IllegalStateException when the resource is missing or malformed, naming it
	 */
	static ScannedMigrations fromResource(@Nullable ClassLoader classLoader, String location) {
		ClassLoader loader = (classLoader != null) ? classLoader : ScannedMigrations.class.getClassLoader();
		InputStream in = loader.getResourceAsStream(location);
		if (in == null) {
			throw new IllegalStateException("The scanned migrations recorded at build time (" + location + ") are "
					+ "not on the class path; build the application again with Spring AOT (spring-boot:process-aot)");
		}
		List<Candidate> candidates = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isEmpty()) {
					continue;
				}
				int first = line.indexOf(SEPARATOR);
				int second = (first < 0) ? -1 : line.indexOf(SEPARATOR, first + 1);
				int third = (second < 0) ? -1 : line.indexOf(SEPARATOR, second + 1);
				int fourth = (third < 0) ? -1 : line.indexOf(SEPARATOR, third + 1);
				if (fourth < 0) {
					throw new IllegalStateException("Malformed line in " + location + ": '" + line + "'; build the "
							+ "application again with Spring AOT (spring-boot:process-aot)");
				}
				String checksum = line.substring(third + 1, fourth);
				candidates.add(new Candidate(line.substring(0, first), line.substring(first + 1, second),
						line.substring(second + 1, third), checksum.isEmpty() ? null : checksum,
						PLAIN.equals(line.substring(fourth + 1))));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + location, ex);
		}
		return new ScannedMigrations(candidates);
	}

	List<Candidate> candidates() {
		return this.candidates;
	}

	/**
	 * A scanned migration class.
	 *
	 * @param name the name it is known by in messages, as a bean would be
	 * @param className its class
	 * @param id the id its {@code @MigrationId} declares
	 * @param checksum its checksum from the build-time index, {@code null} when not known
	 * @param plain whether the build-time index found that creating it needs nothing from the container (one
	 * constructor without parameters, no annotated member, no Spring callback interface)
	 */
	record Candidate(String name, String className, String id, @Nullable String checksum, boolean plain) {

		MigrationSupplier supplier(ConfigurableListableBeanFactory beanFactory) {
			return new MigrationSupplier() {

				@Override
				public String id() {
					return Candidate.this.id;
				}

				@Override
				public Class<? extends Migration> type() {
					return ClassUtils.resolveClassName(Candidate.this.className, beanFactory.getBeanClassLoader())
						.asSubclass(Migration.class);
				}

				@Override
				public @Nullable String checksum() {
					// From the build-time index when it gave one; else from the class file, without loading the
					// class: a restart loads no applied migration.
					return (Candidate.this.checksum != null) ? Candidate.this.checksum
							: MigrationChecksum.of(beanFactory.getBeanClassLoader(), Candidate.this.className);
				}

				@Override
				public Migration get() {
					if (Candidate.this.plain) {
						// Nothing to inject or call back: its constructor, without a bean's worth of reflection by
						// every post-processor (about 18 KB of garbage and a fraction of a millisecond each).
						return BeanUtils.instantiateClass(type());
					}
					// Created like a prototype bean: constructor injection, post-processors and callbacks.
					Migration migration = beanFactory.createBean(type());
					forgetInjectionMetadata(beanFactory, Candidate.this.className);
					return migration;
				}

			};
		}

	}

	/**
	 * Drops what the post-processors cached to create the migration (its injection metadata, under its class name,
	 * the bean name {@code createBean} uses): a migration is created once, and a run that applies a thousand of them
	 * would keep a thousand entries for the life of the application.
	 */
	private static void forgetInjectionMetadata(ConfigurableListableBeanFactory beanFactory, String className) {
		if (beanFactory instanceof AbstractBeanFactory factory) {
			for (BeanPostProcessor postProcessor : factory.getBeanPostProcessors()) {
				if (postProcessor instanceof MergedBeanDefinitionPostProcessor merged) {
					merged.resetBeanDefinition(className);
				}
			}
		}
	}

}
