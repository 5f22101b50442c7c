package dev.migrations.core;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The commands that apply migrations: {@code migrate} (all, up to an id, or a number of steps), {@code redo} and
 * {@code retry}, each on one locked session.
 */
final class MigrateCommands {

	private static final Log logger = LogFactory.getLog(MigrateCommands.class);

	private final MigrationSettings settings;

	MigrateCommands(MigrationSettings settings) {
		this.settings = settings;
	}

	/** Applies the pending migrations up to {@code to} or the next {@code steps} of them; all with both null. */
	CommandResult migrate(CommandRun run, @Nullable String to, @Nullable Integer steps) throws SQLException {
		Session session = run.session();
		HistoryStore history = this.settings.history(session);
		// Fast path, no lock: a restart with nothing to do reads one row (count, newest id, digest of the applied
		// ids and checksums), then every row only when that differs from the code.
		if (this.settings.upToDateSummary(session, history) != null) {
			return run.result(List.of(), null);
		}
		Plan unlocked = this.settings.read(session, history);
		if (unlocked.isUpToDate() && unlocked.withoutChecksum().isEmpty()) {
			unlocked.validate(this.settings.validation(), history.qualifiedTable(),
					ModifiedStatements.explainer(session, history));
			return run.result(List.of(), null);
		}
		// The safety review runs under the schema lock: before it, another replica may be changing the schema the
		// checks look at (a table it just created would look like a live one) and refuse a migration it is about to
		// apply. It runs before the history table is created and the callbacks hear of the run: a refused run
		// changes nothing.
		session.lock();
		Plan plan = this.settings.read(session, history);
		plan.validate(this.settings.validation(), history.qualifiedTable(), ModifiedStatements.explainer(session, history));
		if (this.settings.baselineId() != null && plan.rows().isEmpty()) {
			plan = baseline(run, history, plan, this.settings.baselineId());
		}
		List<ResolvedMigration> pending = select(plan.pending(), to, steps);
		if (this.settings.group()) {
			refuseNonTransactional(session, pending, history);
		}
		SafetyReviews reviews = review(session, pending);
		run.lock(history);
		MarkCommands.recordMissingChecksums(session, history, plan);
		if (this.settings.group() && !pending.isEmpty()) {
			return applyGroup(run, history, reviews, pending, plan.lastBatch() + 1);
		}
		return applyAll(run, history, reviews, pending, plan.lastBatch() + 1);
	}

	/**
	 * {@code migrations.baseline-on-migrate}: on a schema that has tables but no history yet, records the migrations
	 * up to the baseline id as applied without running them; on an empty schema, changes nothing (they all run).
	 */
	private Plan baseline(CommandRun run, HistoryStore history, Plan plan, String baselineId) throws SQLException {
		Session session = run.session();
		if (!MarkCommands.hasTables(session, history)) {
			return plan;
		}
		run.lock(history);
		List<String> marked = MarkCommands.markPending(session, history, plan, baselineId, plan.lastBatch() + 1,
				this.settings.config().origin(), "baseline: marked applied without running");
		logger.info("Baseline: schema " + history.schema() + " has tables but " + history.qualifiedTable()
				+ " had no rows; recorded " + marked.size() + " migration(s) up to " + baselineId
				+ " as applied without running them (migrations.baseline-on-migrate)");
		return this.settings.read(session, history);
	}

	/** {@code migrations.group} holds only transactional migrations: one that commits by itself is refused first. */
	private static void refuseNonTransactional(Session session, List<ResolvedMigration> pending, History history) {
		if (!pending.isEmpty() && !session.dialect().transactionalDdl()) {
			throw new MigrationException("migrations.group=true applies the pending migrations in one transaction, but "
					+ session.dialect().name() + " commits every DDL statement by itself, so a group cannot be undone "
					+ "as a whole. Nothing was applied to " + history.qualifiedTable() + ". Apply them without "
					+ "migrations.group (each is recorded running, then applied or failed).");
		}
		for (ResolvedMigration migration : pending) {
			if (!migration.transactional()) {
				throw new MigrationException("migrations.group=true applies the pending migrations in one transaction, "
						+ "but pending migration " + migration.describe() + " is non-transactional (transactional() "
						+ "returns false): it cannot run inside a transaction. Nothing was applied to "
						+ history.qualifiedTable() + ". Apply it without migrations.group (e.g. "
						+ "--migrations.command=migrate --migrations.to=" + migration.id()
						+ " --migrations.group=false), or make it transactional.");
			}
		}
	}

	/**
	 * Applies the migrations in one transaction with one commit; a failure rolls back all of them with their history
	 * rows, so the database is as it was before the command.
	 */
	private CommandResult applyGroup(CommandRun run, History history, SafetyReviews reviews,
			List<ResolvedMigration> migrations, int batch) throws SQLException {
		CommandResult[] result = new CommandResult[1];
		try {
			run.session().inGroupTransaction(() -> result[0] = applyAll(run, history, reviews, migrations, batch));
		}
		catch (MigrationFailedException ex) {
			throw new MigrationFailedException(ex.getMigrationId(), "migrations.group=true: the group of "
					+ migrations.size() + " migration(s) was rolled back as a whole; none of them is applied and no "
					+ "history row of the group was written to " + history.qualifiedTable() + ". " + ex.getMessage(),
					ex.getCause());
		}
		catch (SQLException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new MigrationException("migrations.group=true: the group of " + migrations.size()
					+ " migration(s) was rolled back: " + Runs.rootMessage(ex), ex);
		}
		return result[0];
	}

	/** Undoes the newest applied migration and applies it again. */
	CommandResult redo(CommandRun run) throws SQLException {
		HistoryStore history = this.settings.history(run.session());
		run.lock(history);
		Plan plan = this.settings.read(run.session(), history);
		plan.validate(this.settings.validation(), history.qualifiedTable());
		List<ResolvedMigration> targets = UndoCommands.reversibleTargets(this.settings.catalog(),
				plan.appliedNewestFirst().stream().limit(1).toList());
		if (targets.isEmpty()) {
			return run.result(List.of(), null);
		}
		ResolvedMigration migration = targets.get(0);
		// Reviewed before the down: a redo that the checks refuse must not leave the migration undone.
		SafetyReviews reviews = review(run.session(), List.of(migration));
		run.runner(history).run(MigrationStepRun.down(migration), 0);
		return applyAll(run, history, reviews, List.of(migration), plan.lastBatch() + 1);
	}

	/** Runs failed or interrupted non-transactional migrations again, then every pending one. */
	CommandResult retry(CommandRun run) throws SQLException {
		HistoryStore history = this.settings.history(run.session());
		run.lock(history);
		Plan plan = this.settings.read(run.session(), history);
		for (HistoryRow row : plan.failed()) {
			this.settings.catalog().require(row.id(), "The history row of a failed migration");
		}
		// The plan without the failed rows is validated and reviewed before they are deleted: a retry refused by a
		// policy or by the safety checks keeps them, and their error text, as they were.
		List<HistoryRow> kept = plan.rows().stream().filter((row) -> !plan.failed().contains(row)).toList();
		Plan fresh = new Plan(this.settings.catalog(), kept);
		fresh.validate(this.settings.validation(), history.qualifiedTable());
		SafetyReviews reviews = review(run.session(), fresh.pending());
		for (HistoryRow row : plan.failed()) {
			history.delete(run.session().connection(), row.id());
		}
		return applyAll(run, history, reviews, fresh.pending(), fresh.lastBatch() + 1);
	}

	/**
	 * The safety review of the migrations about to be applied, on the locked session, before any of them runs: the
	 * one place it happens.
	 * @throws dev.migrations.safety.UnsafeMigrationException in fail mode, listing every unacknowledged finding
	 */
	private SafetyReviews review(Session session, List<ResolvedMigration> migrations) throws SQLException {
		SafetyReviews reviews = new SafetyReviews(session, this.settings.safetyMode());
		reviews.check(migrations);
		return reviews;
	}

	/** Applies the reviewed migrations, each checked again statement by statement as it runs. */
	private CommandResult applyAll(CommandRun run, History history, SafetyReviews reviews,
			List<ResolvedMigration> migrations, int batch) throws SQLException {
		StepRunner runner = run.runner(history);
		List<String> applied = new ArrayList<>();
		for (ResolvedMigration migration : migrations) {
			runner.run(MigrationStepRun.up(migration, reviews), batch);
			reviews.release(migration);
			applied.add(migration.id());
		}
		if (!applied.isEmpty()) {
			logger.info("Applied " + applied.size() + " migration(s) as batch " + batch + " to "
					+ history.qualifiedTable() + "; the schema is now at " + applied.get(applied.size() - 1));
		}
		return run.result(applied, applied.isEmpty() ? null : batch);
	}

	/** The pending migrations up to and including {@code to}, or the first {@code steps} of them. */
	static List<ResolvedMigration> select(List<ResolvedMigration> pending, @Nullable String to,
			@Nullable Integer steps) {
		List<ResolvedMigration> selected = new ArrayList<>();
		for (ResolvedMigration migration : pending) {
			if ((to != null && migration.id().compareTo(to) > 0) || (steps != null && selected.size() == steps)) {
				break;
			}
			selected.add(migration);
		}
		return selected;
	}

}
