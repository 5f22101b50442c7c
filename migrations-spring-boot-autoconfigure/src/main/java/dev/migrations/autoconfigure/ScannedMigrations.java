package dev.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.core.Migration;
import dev.migrations.core.MigrationSupplier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The {@link dev.migrations.core.MigrationId @MigrationId} classes that scanning found, by class name and id, read
 * from their class files without loading them. Each is created, with dependency injection, only when it has to run:
 * a restart with a thousand applied migrations loads none of them.
 */
final class ScannedMigrations {

	private final List<Candidate> candidates = new ArrayList<>();

	void add(String name, String className, String id) {
		this.candidates.add(new Candidate(name, className, id));
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
	 */
	record Candidate(String name, String className, String id) {

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
				public Migration get() {
					// Created like a prototype bean: constructor injection, post-processors and callbacks.
					return beanFactory.createBean(type());
				}

			};
		}

	}

}
