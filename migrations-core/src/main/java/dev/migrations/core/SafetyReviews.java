package dev.migrations.core;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.safety.Acknowledgement;
import dev.migrations.safety.Finding;
import dev.migrations.safety.MigrationUnderAnalysis;
import dev.migrations.safety.SafetyAnalyzer;
import dev.migrations.safety.SafetyGate;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.SafetyReview;
import dev.migrations.safety.UnanalysedStatement;
import dev.migrations.schema.SqlStatement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The safety reviews of one command's migrations, from a dry run of each, kept by id for their history rows and for
 * the {@link StatementGuard} that checks each statement again as it runs. Made for a locked session: the schema the
 * checks look at cannot change under them (another replica migrating the same database waits for the lock).
 */
final class SafetyReviews {

	private static final Log logger = LogFactory.getLog(SafetyReviews.class);

	private final Session session;

	private final SafetyMode mode;

	private final Map<String, Review> reviews = new HashMap<>();

	/** What the checks learnt about the schema before anything ran, for the review and the statement checks alike. */
	private final RunSchemaInfo schemaInfo;

	SafetyReviews(Session session, SafetyMode mode) {
		this.session = session;
		this.mode = mode;
		this.schemaInfo = new RunSchemaInfo(new ConnectionSchemaInfo(session.connection(), session.dialect()));
	}

	/**
	 * Runs the safety checks on the migrations about to be applied, from a dry run of each.
	 * @throws dev.migrations.safety.UnsafeMigrationException in fail mode, listing every unacknowledged finding
	 */
	void check(List<ResolvedMigration> migrations) throws SQLException {
		if (this.mode == SafetyMode.OFF || migrations.isEmpty()) {
			return;
		}
		Map<String, ResolvedMigration> byId = new LinkedHashMap<>();
		migrations.forEach((migration) -> byId.put(migration.id(), migration));
		List<MigrationUnderAnalysis> analyses = new ArrayList<>();
		for (ResolvedMigration migration : migrations) {
			PlannedMigration planned = DryRun.of(this.session, migration);
			if (planned.stoppedBy() != null) {
				logger.warn("The dry run of migration " + migration.id() + " stopped early (" + planned.stoppedBy()
						+ "): the safety checks review it up to there now, and check each of its statements as it runs");
			}
			analyses.add(analysis(migration, planned));
		}
		// Nothing is applied while the checks run: what they ask of the schema is read a schema at a time.
		// Each migration's acknowledgements are read from its class once, for its review and its run.
		Map<String, List<Acknowledgement>> declared = new HashMap<>();
		List<SafetyReview> results = this.schemaInfo.reviewing(() -> gate().check(analyses,
				(id) -> declared.computeIfAbsent(id, (key) -> declaredAcknowledgements(byId.get(key)))));
		for (int i = 0; i < analyses.size(); i++) {
			String id = analyses.get(i).migrationId();
			SafetyReview review = results.get(i);
			this.reviews.put(id, new Review(review, analyses.get(i).statements(),
					declared.computeIfAbsent(id, (key) -> declaredAcknowledgements(byId.get(key)))));
			for (Finding finding : review.unacknowledged()) {
				logger.warn(finding.describe());
			}
			for (UnanalysedStatement unanalysed : review.unanalysed()) {
				logger.warn("The safety checks could not analyse a statement: " + unanalysed.describe());
			}
			for (Acknowledgement unused : review.unused()) {
				logger.warn("Migration " + id + " acknowledges " + unused.check()
						+ ", but the safety checks found no such operation in it; remove the acknowledgement");
			}
		}
	}

	/** Forgets the review of a migration that has run: a long run keeps no per-migration state behind it. */
	void release(ResolvedMigration migration) {
		this.reviews.remove(migration.id());
	}

	/** What the review of the migration recorded, for its history row. */
	@Nullable String acknowledgements(ResolvedMigration migration) {
		Review review = this.reviews.get(migration.id());
		return (review != null) ? review.result().historyText() : null;
	}

	/** The check of each statement of the migration as it runs, knowing what its review reported already. */
	StatementGuard guard(ResolvedMigration migration) {
		if (this.mode == SafetyMode.OFF) {
			return StatementGuard.NONE;
		}
		SafetyAnalyzer analyzer = new SafetyAnalyzer(this.schemaInfo, this.session.dialect());
		Review review = this.reviews.get(migration.id());
		return new StatementGuard(() -> analyzer.checker(migration.id(), migration.transactional()), this.mode,
				(review != null) ? review.acknowledgements() : declaredAcknowledgements(migration), review);
	}

	/** What the safety checks find in a planned migration, without failing; {@code null} when they are off. */
	@Nullable SafetyReview review(ResolvedMigration migration, PlannedMigration planned) {
		if (this.mode == SafetyMode.OFF) {
			return null;
		}
		return gate().review(analysis(migration, planned), declaredAcknowledgements(migration));
	}

	private SafetyGate gate() {
		return new SafetyGate(new SafetyAnalyzer(this.schemaInfo, this.session.dialect()), this.mode);
	}

	private static MigrationUnderAnalysis analysis(ResolvedMigration migration, PlannedMigration planned) {
		return new MigrationUnderAnalysis(migration.id(), migration.transactional(), planned.statements()
			.stream()
			.map((statement) -> new SqlStatement(statement.sql(), statement.parameters(), statement.transactional()))
			.toList());
	}

	private static List<Acknowledgement> declaredAcknowledgements(ResolvedMigration migration) {
		return Acknowledgement.of(migration.id(), MigrationIds.userClass(migration.migration().getClass()));
	}

	/**
	 * What the review of one migration leaves for its run.
	 *
	 * @param result what the review reported
	 * @param statements the statements it analysed, in the order the dry run made them
	 * @param acknowledgements the acknowledgements the migration declares
	 */
	record Review(SafetyReview result, List<SqlStatement> statements, List<Acknowledgement> acknowledgements) {

	}

}
