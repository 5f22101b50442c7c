package dev.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationChecksum;
import dev.migrations.core.MigrationSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.MergedBeanDefinitionPostProcessor;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The {@link dev.migrations.core.MigrationId @MigrationId} classes that scanning found, by class name and id, read
 * from their class files without loading them. Each is created, with dependency injection, only when it has to run:
 * a restart with a thousand applied migrations loads none of them.
 * <p>
 * Its bean definition carries the candidates as constructor arguments of plain strings, so that Spring AOT writes
 * them into the generated code: an application built with AOT does not scan the classpath at startup.
 */
final class ScannedMigrations {

	private final List<Candidate> candidates;

	/**
	 * The candidates, as three lists of the same length (values that AOT can write as code).
	 * @param names the name each is known by
	 * @param classNames the class of each
	 * @param ids the id each declares
	 * @param checksums the checksum of each from the build-time index, empty when not known
	 */
	ScannedMigrations(String[] names, String[] classNames, String[] ids, String[] checksums) {
		Assert.isTrue(names.length == classNames.length && names.length == ids.length
				&& names.length == checksums.length, "Scanned migrations need a name, a class name and an id each");
		List<Candidate> candidates = new ArrayList<>(names.length);
		for (int i = 0; i < names.length; i++) {
			candidates.add(new Candidate(names[i], classNames[i], ids[i],
					checksums[i].isEmpty() ? null : checksums[i]));
		}
		this.candidates = List.copyOf(candidates);
	}

	/** The bean definition of the scanned candidates, with the candidates as its constructor arguments. */
	static AbstractBeanDefinition beanDefinition(List<Candidate> candidates) {
		return BeanDefinitionBuilder.genericBeanDefinition(ScannedMigrations.class)
			.addConstructorArgValue(candidates.stream().map(Candidate::name).toArray(String[]::new))
			.addConstructorArgValue(candidates.stream().map(Candidate::className).toArray(String[]::new))
			.addConstructorArgValue(candidates.stream().map(Candidate::id).toArray(String[]::new))
			// Empty for an unknown checksum: plain strings, which AOT writes as code.
			.addConstructorArgValue(candidates.stream()
				.map((candidate) -> (candidate.checksum() != null) ? candidate.checksum() : "")
				.toArray(String[]::new))
			.setRole(BeanDefinition.ROLE_INFRASTRUCTURE)
			.getBeanDefinition();
	}

	/** The class names recorded in a {@link #beanDefinition(List) bean definition}, for build-time hints. */
	static List<String> classNames(BeanDefinition definition) {
		ValueHolder classNames = definition.getConstructorArgumentValues().getIndexedArgumentValue(1, String[].class);
		return (classNames != null && classNames.getValue() instanceof String[] names) ? List.of(names) : List.of();
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
	 */
	record Candidate(String name, String className, String id, @Nullable String checksum) {

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
