package dev.migrations.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The code's migrations set against the history: what is pending, out of order, missing, failed.
 */
final class Plan {

	private static final Log logger = LogFactory.getLog(Plan.class);

	private final MigrationCatalog catalog;

	private final List<HistoryRow> rows;

	private final Map<String, HistoryRow> rowsById = new HashMap<>();

	private final List<ResolvedMigration> pending = new ArrayList<>();

	private final List<ResolvedMigration> outOfOrder = new ArrayList<>();

	private final List<HistoryRow> missing = new ArrayList<>();

	private final List<HistoryRow> failed = new ArrayList<>();

	private final @Nullable String newestApplied;

	/** The applied migrations whose class changed; computed on first use, since it reads every class file. */
	private @Nullable List<ResolvedMigration> modified;

	private final int lastBatch;

	Plan(MigrationCatalog catalog, List<HistoryRow> rows) {
		this.catalog = catalog;
		this.rows = rows;
		String newest = null;
		int batch = 0;
		for (HistoryRow row : rows) {
			this.rowsById.put(row.id(), row);
			batch = Math.max(batch, row.batch());
			if (row.isApplied() && (newest == null || row.id().compareTo(newest) > 0)) {
				newest = row.id();
			}
			if (!row.isApplied()) {
				this.failed.add(row);
			}
			else if (catalog.find(row.id()) == null) {
				this.missing.add(row);
			}
		}
		this.newestApplied = newest;
		this.lastBatch = batch;
		for (ResolvedMigration migration : catalog.all()) {
			if (!this.rowsById.containsKey(migration.id())) {
				this.pending.add(migration);
				if (newest != null && migration.id().compareTo(newest) < 0) {
					this.outOfOrder.add(migration);
				}
			}
		}
	}

	MigrationCatalog catalog() {
		return this.catalog;
	}

	List<ResolvedMigration> pending() {
		return this.pending;
	}

	List<HistoryRow> failed() {
		return this.failed;
	}

	List<HistoryRow> rows() {
		return this.rows;
	}

	@Nullable HistoryRow row(String id) {
		return this.rowsById.get(id);
	}

	int lastBatch() {
		return this.lastBatch;
	}

	boolean isUpToDate() {
		return this.pending.isEmpty() && this.failed.isEmpty();
	}

	/** The applied rows, newest id first: the order undo runs in. */
	List<HistoryRow> appliedNewestFirst() {
		List<HistoryRow> applied = new ArrayList<>();
		for (int i = this.rows.size() - 1; i >= 0; i--) {
			if (this.rows.get(i).isApplied()) {
				applied.add(this.rows.get(i));
			}
		}
		return applied;
	}

	/**
	 * The applied migrations of the code whose checksum differs from the recorded one. Rows without a checksum
	 * (written before checksums were recorded) and classes whose checksum cannot be computed are not compared.
	 * Reads the class file of every applied migration the first time; loads none.
	 */
	List<ResolvedMigration> modified() {
		if (this.modified == null) {
			List<ResolvedMigration> modified = new ArrayList<>();
			for (HistoryRow row : this.rows) {
				ResolvedMigration migration = row.isApplied() ? this.catalog.find(row.id()) : null;
				if (migration != null && row.checksum() != null && migration.checksum() != null
						&& !row.checksum().equals(migration.checksum())) {
					modified.add(migration);
				}
			}
			this.modified = modified;
		}
		return this.modified;
	}

	/**
	 * The applied rows of migrations in the code that have no checksum yet (written before checksums were
	 * recorded) while the code's class has one: {@code migrate} and {@code accept-checksums} record it.
	 */
	List<HistoryRow> withoutChecksum() {
		List<HistoryRow> rows = new ArrayList<>();
		for (HistoryRow row : this.rows) {
			ResolvedMigration migration = (row.isApplied() && row.checksum() == null) ? this.catalog.find(row.id())
					: null;
			if (migration != null && migration.checksum() != null) {
				rows.add(row);
			}
		}
		return rows;
	}

	/**
	 * Applies the validation policies.
	 * @param table the history table, for messages
	 * @throws MigrationValidationException when a policy says fail
	 */
	void validate(Validation validation, String table) {
		validate(validation, table, (migration) -> null);
	}

	/**
	 * Applies the validation policies, naming the statements that changed in a modified migration when it can.
	 * @param table the history table, for messages
	 * @param explain what changed in a modified migration, {@code null} when it cannot be told
	 * @throws MigrationValidationException when a policy says fail
	 */
	void validate(Validation validation, String table, Function<ResolvedMigration, @Nullable String> explain) {
		if (!this.failed.isEmpty()) {
			String message = this.failed.stream().map(Plan::describeFailed).collect(Collectors.joining("\n  "));
			enforce(validation.failed(), "Failed or interrupted migrations are recorded in " + table + ":\n  " + message
					+ "\nA non-transactional migration may have applied part of its statements. Inspect the database, "
					+ "then run one of: --migrations.command=retry (run it again), --migrations.command=mark-applied "
					+ "(you completed it by hand), --migrations.command=mark-rolled-back (you reverted it by hand; it "
					+ "runs again on the next migrate). migrations.validation.failed=warn skips it instead.");
		}
		if (!this.missing.isEmpty()) {
			enforce(validation.missing(), "Applied migrations are missing from the code: "
					+ this.missing.stream().map(HistoryRow::id).collect(Collectors.joining(", ")) + " (recorded in "
					+ table + "). An older release is running against a newer schema, or migrations were deleted; "
					+ "mark-rolled-back removes their rows once you are sure (migrations.validation.missing).");
		}
		if (validation.modified() != ValidationPolicy.IGNORE && !modified().isEmpty()) {
			enforce(validation.modified(), modifiedMessage(table, explain));
		}
		if (!this.outOfOrder.isEmpty()) {
			enforce(validation.outOfOrder(), "Pending migrations are older than the newest applied one, "
					+ this.newestApplied + ": " + this.outOfOrder.stream().map(ResolvedMigration::describe)
						.collect(Collectors.joining(", "))
					+ ". They usually arrive with a branch merge. Give them newer timestamps, or set "
					+ "migrations.validation.out-of-order=warn to apply them anyway.");
		}
	}

	private String modifiedMessage(String table, Function<ResolvedMigration, @Nullable String> explain) {
		List<ResolvedMigration> modified = modified();
		long applied = this.rows.stream()
			.filter((row) -> row.isApplied() && row.checksum() != null && this.catalog.find(row.id()) != null)
			.count();
		StringBuilder message = new StringBuilder("Applied migrations were changed since they ran (their class no "
				+ "longer has the checksum recorded in " + table + "): ");
		message.append(modified.stream().map(ResolvedMigration::describe).collect(Collectors.joining(", ")))
			.append(". The database has what they did then, not what their code says now.");
		for (ResolvedMigration migration : modified.stream().limit(5).toList()) {
			String changed = explain.apply(migration);
			if (changed != null) {
				message.append("\n  ").append(migration.id()).append(":\n").append(changed);
			}
		}
		message.append('\n');
		if (modified.size() == applied && applied > 1) {
			message.append(" Every applied migration is modified: a compiler or JDK change (a new javac emits "
					+ "different bytecode) is the likely cause, not an edit. Once you have checked, record the new "
					+ "checksums with --migrations.command=accept-checksums.");
		}
		else {
			message.append(" Put the change in a new migration and restore the old code; or, once you have checked "
					+ "that the applied schema and the code agree (a harmless edit), record the new checksums with "
					+ "--migrations.command=accept-checksums. migrations.validation.modified=warn only logs this.");
		}
		return message.toString();
	}

	private static String describeFailed(HistoryRow row) {
		return row.id() + " is " + row.state().name().toLowerCase(java.util.Locale.ROOT)
				+ ((row.error() != null) ? ": " + row.error() : " (its run died before recording the outcome)");
	}

	private static void enforce(ValidationPolicy policy, String message) {
		switch (policy) {
			case FAIL -> throw new MigrationValidationException(message);
			case WARN -> logger.warn(message);
			case IGNORE -> {
			}
		}
	}

	/**
	 * Whether the migration runs in a transaction, without creating an applied migration just to ask: the history
	 * recorded how it ran.
	 */
	private static @Nullable Boolean transactional(@Nullable ResolvedMigration migration, @Nullable HistoryRow row) {
		if (migration != null && (row == null || migration.isCreated())) {
			return migration.transactional();
		}
		return (row != null) ? row.transactional() : null;
	}

	/** Every migration from the code and the history, in id order. */
	List<MigrationStatus> statuses() {
		List<MigrationStatus> statuses = new ArrayList<>();
		java.util.TreeSet<String> ids = new java.util.TreeSet<>(this.rowsById.keySet());
		this.catalog.all().forEach((m) -> ids.add(m.id()));
		for (String id : ids) {
			ResolvedMigration migration = this.catalog.find(id);
			HistoryRow row = this.rowsById.get(id);
			MigrationState state;
			if (row == null) {
				state = this.outOfOrder.contains(migration) ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING;
			}
			else if (row.state() == HistoryRow.State.FAILED) {
				state = MigrationState.FAILED;
			}
			else if (row.state() == HistoryRow.State.RUNNING) {
				state = MigrationState.RUNNING;
			}
			else if (migration == null) {
				state = MigrationState.MISSING;
			}
			else {
				state = modified().contains(migration) ? MigrationState.MODIFIED : MigrationState.APPLIED;
			}
			statuses.add(new MigrationStatus(id, (migration != null) ? migration.description() : row.description(), state,
					(row != null) ? row.batch() : null, (row != null) ? row.startedAt() : null,
					(row != null) ? row.finishedAt() : null, (row != null) ? row.executionMs() : null,
					(row != null) ? row.appliedBy() : null, (row != null) ? row.application() : null,
					transactional(migration, row),
					(migration != null) ? migration.reversible() : null, (row != null) ? row.checksum() : null,
					(row != null) ? row.error() : null, (row != null) ? row.script() : null,
					(row != null) ? row.acknowledgements() : null));
		}
		return statuses;
	}

}
