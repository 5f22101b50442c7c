package dev.migrations.testing;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import dev.migrations.core.IrreversibleMigrationException;
import dev.migrations.core.Migration;
import dev.migrations.core.MigrationException;
import dev.migrations.core.MigrationState;
import dev.migrations.core.MigrationStatus;
import dev.migrations.core.Migrator;
import dev.migrations.schema.CatalogDifference;
import dev.migrations.schema.CatalogSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Checks, on a fresh database, that every migration's {@code down} undoes its {@code up} exactly, from one test:
 * <pre>{@code
 * MigrationsVerifier.on(dataSource).migrator(migrator).verifyUpDownUp();           // the application's migrations
 * MigrationsVerifier.on(dataSource).migrations(List.of(new CreateUsers(), ...)).verifyUpDownUp();
 * }</pre>
 * It applies the migrations one at a time through the engine (the same path as {@code migrate}), reading the
 * PostgreSQL catalog before each; then, from the newest down, undoes each and checks that the catalog is exactly as
 * it was before its {@code up} (tables, columns and their types, defaults, constraints, indexes, enum and domain
 * types, sequences, views, functions, triggers, comments, extensions; the history table left out); then applies them
 * again, one at a time, and checks that each leads to the same catalog as the first time. A difference fails the
 * verification with a {@link MigrationVerificationError} that names the migration, the direction and the first
 * difference. A migration without {@code down} is reported in the {@link Report} and ends the way down (nothing below
 * it can be undone); it fails the verification only with {@link #failOnIrreversible()}.
 *
 * <p>The database must be fresh: no migration of the set applied (the verifier refuses otherwise, since it could not
 * know the catalog before their {@code up}). It is left with every migration applied.
 */
public final class MigrationsVerifier {

	private final DataSource dataSource;

	private @Nullable Migrator migrator;

	private boolean failOnIrreversible;

	private MigrationsVerifier(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** A verifier on a fresh database; name the migrations with {@link #migrator} or {@link #migrations}. */
	public static MigrationsVerifier on(DataSource dataSource) {
		return new MigrationsVerifier(Objects.requireNonNull(dataSource, "dataSource"));
	}

	/**
	 * Verifies the migrator's migrations with its settings (history table, timeouts, safety mode, listeners), run on
	 * this verifier's DataSource, whatever DataSource the migrator was built on. In a Spring test: the application's
	 * {@code Migrator} bean.
	 */
	public MigrationsVerifier migrator(Migrator migrator) {
		this.migrator = Objects.requireNonNull(migrator, "migrator").withDataSource(this.dataSource);
		return this;
	}

	/** Verifies these migrations with the default settings. */
	public MigrationsVerifier migrations(Iterable<? extends Migration> migrations) {
		this.migrator = Migrator.builder(this.dataSource).migrations(migrations).build();
		return this;
	}

	/** Fails the verification when a migration has no {@code down}, instead of reporting it. */
	public MigrationsVerifier failOnIrreversible() {
		this.failOnIrreversible = true;
		return this;
	}

	/**
	 * Applies every migration, undoes them from the newest down checking each {@code down} against the catalog before
	 * its {@code up}, then applies them again checking each against the catalog after its first {@code up}.
	 * @return which migrations were verified and which are irreversible
	 * @throws MigrationVerificationError naming the migration and the first difference, or the failure of a step
	 */
	public Report verifyUpDownUp() {
		Migrator migrator = this.migrator;
		if (migrator == null) {
			throw new IllegalStateException("MigrationsVerifier.on(dataSource) needs the migrations to verify: call "
					+ "migrator(migrator) (e.g. the application's Migrator bean) or migrations(...)");
		}
		List<String> ids = migrator.migrationIds();
		refuseApplied(migrator);
		String table = migrator.table();
		List<CatalogSnapshot> before = new ArrayList<>();
		for (String id : ids) {
			before.add(snapshot(table));
			step(id, "up", () -> migrator.migrateSteps(1));
		}
		before.add(snapshot(table));
		List<String> irreversible = new ArrayList<>();
		int lowest = ids.size();
		for (int i = ids.size() - 1; i >= 0; i--) {
			String id = ids.get(i);
			try {
				migrator.undo();
			}
			catch (IrreversibleMigrationException ex) {
				irreversible.add(id);
				break;
			}
			catch (MigrationException ex) {
				throw new MigrationVerificationError(id, "down", null, "down of " + id + " failed: " + ex.getMessage(),
						ex);
			}
			compare(id, "down", "the catalog as it was before its up", before.get(i), table);
			lowest = i;
		}
		for (int i = lowest; i < ids.size(); i++) {
			String id = ids.get(i);
			step(id, "up again", () -> migrator.migrateSteps(1));
			compare(id, "up again", "the catalog its first up gave", before.get(i + 1), table);
		}
		Report report = new Report(ids, ids.subList(lowest, ids.size()), irreversible);
		if (this.failOnIrreversible && !irreversible.isEmpty()) {
			throw new MigrationVerificationError(irreversible.get(0), "down", null, "Migration " + irreversible.get(0)
					+ " is irreversible (it has no down), and failOnIrreversible() was asked; migrations older than it "
					+ "were not verified", null);
		}
		return report;
	}

	private void refuseApplied(Migrator migrator) {
		List<String> applied = migrator.status()
			.migrations()
			.stream()
			.filter((status) -> status.state() != MigrationState.PENDING
					&& status.state() != MigrationState.OUT_OF_ORDER)
			.map(MigrationStatus::id)
			.toList();
		if (!applied.isEmpty()) {
			throw new IllegalStateException("MigrationsVerifier needs a fresh database, with no migration applied, to "
					+ "know the catalog before each up; " + applied.size() + " are recorded in " + migrator.table()
					+ " already (" + applied.get(0) + (applied.size() > 1 ? ", ..." : "") + "). Verify on an empty "
					+ "database (see docs/testing-your-migrations.md).");
		}
	}

	private CatalogSnapshot snapshot(String historyTable) {
		try {
			return CatalogSnapshot.read(this.dataSource, historyTable);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("MigrationsVerifier could not read the catalog: " + ex.getMessage(), ex);
		}
	}

	private void compare(String id, String direction, String expectedWhat, CatalogSnapshot expected, String table) {
		List<CatalogDifference> differences = snapshot(table).differencesFrom(expected);
		if (!differences.isEmpty()) {
			CatalogDifference first = differences.get(0);
			throw new MigrationVerificationError(id, direction, first, "After " + direction + " of migration " + id
					+ ", the catalog is not " + expectedWhat + ": " + first
					+ ((differences.size() > 1) ? " (and " + (differences.size() - 1) + " more difference(s))" : ""),
					null);
		}
	}

	private static void step(String id, String direction, Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			// Whatever stopped the step: its failure, a safety check, a validation policy.
			throw new MigrationVerificationError(id, direction, null, direction + " of " + id + " failed: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * What a verification found.
	 *
	 * @param migrations every migration, in id order
	 * @param verified the migrations whose down and second up were checked (every one from the newest down to the
	 * first irreversible one, exclusive)
	 * @param irreversible the migration without down that ended the way down, if any
	 */
	public record Report(List<String> migrations, List<String> verified, List<String> irreversible) {

		public Report {
			migrations = List.copyOf(migrations);
			verified = List.copyOf(verified);
			irreversible = List.copyOf(irreversible);
		}

	}

}
