package dev.migrations.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tenants of a fleet a command runs on: every tenant for an empty (or blank) selection, else those whose name
 * equals an entry or matches it as a pattern ({@code *} any characters, {@code ?} one).
 */
final class TenantSelection {

	/** Each entry, trimmed, with the pattern it stands for, in the order given. */
	private final Map<String, Pattern> patterns;

	private TenantSelection(Map<String, Pattern> patterns) {
		this.patterns = patterns;
	}

	static TenantSelection of(Collection<String> selection) {
		Map<String, Pattern> patterns = new LinkedHashMap<>();
		for (String entry : selection) {
			String trimmed = entry.trim();
			if (!trimmed.isEmpty()) {
				patterns.put(trimmed, glob(trimmed));
			}
		}
		return new TenantSelection(patterns);
	}

	/**
	 * The tenants this selection names, in the fleet's order.
	 * @throws IllegalArgumentException naming an entry without a wildcard that names no tenant
	 */
	List<Tenant> apply(List<Tenant> tenants) {
		if (this.patterns.isEmpty()) {
			return tenants;
		}
		List<Tenant> selected = new ArrayList<>();
		Set<String> used = new HashSet<>();
		for (Tenant tenant : tenants) {
			for (Map.Entry<String, Pattern> entry : this.patterns.entrySet()) {
				if (entry.getValue().matcher(tenant.name()).matches()) {
					selected.add(tenant);
					used.add(entry.getKey());
					break;
				}
			}
		}
		for (String entry : this.patterns.keySet()) {
			if (!used.contains(entry) && entry.indexOf('*') < 0 && entry.indexOf('?') < 0) {
				throw new IllegalArgumentException("migrations.tenants names no tenant '" + entry + "'; the fleet has "
						+ tenants.size() + " tenant(s)");
			}
		}
		return selected;
	}

	private static Pattern glob(String glob) {
		StringBuilder regex = new StringBuilder();
		for (char c : glob.toCharArray()) {
			regex.append((c == '*') ? ".*" : (c == '?') ? "." : Pattern.quote(String.valueOf(c)));
		}
		return Pattern.compile(regex.toString());
	}

}
