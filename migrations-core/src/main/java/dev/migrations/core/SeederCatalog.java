package dev.migrations.core;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.migrations.schema.QueryInterface;
import org.jspecify.annotations.Nullable;

/**
 * The seeders of the code, checked (well-formed, unique ids and timestamps) and in id order.
 */
final class SeederCatalog {

	private final List<ResolvedSeeder> seeders;

	private final Map<String, ResolvedSeeder> byId = new HashMap<>();

	SeederCatalog(Map<String, Seeder> seeders) {
		this.seeders = resolve(seeders);
		this.seeders.forEach((s) -> this.byId.put(s.id(), s));
	}

	List<ResolvedSeeder> all() {
		return this.seeders;
	}

	List<String> ids() {
		return this.seeders.stream().map(ResolvedSeeder::id).toList();
	}

	@Nullable ResolvedSeeder find(String id) {
		return this.byId.get(id);
	}

	/** The seeder with the id; fails naming the known seeders when there is none. */
	ResolvedSeeder require(String id) {
		ResolvedSeeder seeder = this.byId.get(Objects.requireNonNull(id, "id"));
		if (seeder == null) {
			throw new MigrationException("migrations.seeders.id names " + id + ", which is not a seeder in the code; "
					+ "known seeders: " + (this.seeders.isEmpty() ? "(none)" : String.join(", ", ids())));
		}
		return seeder;
	}

	private static List<ResolvedSeeder> resolve(Map<String, Seeder> seeders) {
		List<ResolvedSeeder> resolved = new ArrayList<>();
		Map<String, ResolvedSeeder> byId = new HashMap<>();
		Map<String, ResolvedSeeder> byVersion = new HashMap<>();
		seeders.forEach((source, seeder) -> {
			String id = seeder.id();
			if (id == null) {
				throw new InvalidMigrationException("Seeder " + source + " returned a null id");
			}
			String description;
			try {
				description = MigrationIds.describe(id, source);
			}
			catch (InvalidMigrationException ex) {
				throw new InvalidMigrationException(ex.getMessage().replaceFirst("^Migration ", "Seeder "));
			}
			ResolvedSeeder info = new ResolvedSeeder(source, seeder, id, description, seeder.runAlways(),
					overridesUndo(seeder));
			ResolvedSeeder sameId = byId.putIfAbsent(id, info);
			if (sameId != null) {
				throw new InvalidMigrationException("Duplicate seeder id " + id + ": '" + sameId.source() + "' and '"
						+ source + "' both declare it; give one of them a new timestamp");
			}
			ResolvedSeeder sameVersion = byVersion.putIfAbsent(MigrationIds.version(id), info);
			if (sameVersion != null) {
				throw new InvalidMigrationException("Seeders " + sameVersion.describe() + " and " + info.describe()
						+ " share the timestamp " + MigrationIds.version(id)
						+ ", so their order is ambiguous; give one of them a new timestamp");
			}
			resolved.add(info);
		});
		resolved.sort(Comparator.comparing(ResolvedSeeder::id));
		return List.copyOf(resolved);
	}

	private static boolean overridesUndo(Seeder seeder) {
		try {
			Method undo = MigrationIds.userClass(seeder.getClass()).getMethod("undo", QueryInterface.class);
			return undo.getDeclaringClass() != Seeder.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/** A seeder with its checked id and the facts read from it once. */
	record ResolvedSeeder(String source, Seeder seeder, String id, String description, boolean runAlways,
			boolean reversible) {

		String describe() {
			return this.id + " (" + this.source + ")";
		}

	}

}
