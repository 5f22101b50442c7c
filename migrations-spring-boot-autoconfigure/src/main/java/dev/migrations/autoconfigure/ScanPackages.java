package dev.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@code migrations.scan-packages}: the packages searched for migrations and seeders instead of the application's
 * own (its auto-configuration packages).
 */
final class ScanPackages {

	static final String PROPERTY = "migrations.scan-packages";

	private ScanPackages() {
	}

	/** The configured packages; empty when none is configured. */
	static List<String> configured(Environment environment) {
		// The plain property first: binding (which also reads the indexed form, scan-packages[0]) costs a noticeable
		// part of a cold start, and the common forms are a comma-separated value or none.
		String value = environment.getProperty(PROPERTY);
		if (value != null) {
			List<String> configured = new ArrayList<>();
			for (String name : StringUtils.commaDelimitedListToStringArray(value)) {
				if (!name.isBlank()) {
					configured.add(name.strip());
				}
			}
			return configured;
		}
		if (environment.containsProperty(PROPERTY + "[0]")) {
			return Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
		}
		return List.of();
	}

}
