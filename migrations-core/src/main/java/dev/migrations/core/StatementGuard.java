package dev.migrations.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.migrations.safety.Acknowledgement;
import dev.migrations.safety.Finding;
import dev.migrations.safety.SafetyAnalysis;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.SafetyReview;
import dev.migrations.safety.StatementChecker;
import dev.migrations.safety.UnanalysedStatement;
import dev.migrations.safety.UnsafeMigrationException;
import dev.migrations.schema.SqlStatement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The safety checks on each statement of a migration as it runs, in the executor, so that no statement escapes them:
 * the dry-run review before the run sees only what the dry run reached, and a migration whose code reads data (a
 * {@code Rows} call, {@code q.jdbc()}, a backfill) may stop its dry run early or run other statements for real. What
 * the review reported already (refused, acknowledged or warned about) is not reported twice; anything new is refused
 * in {@code fail} mode before it runs, and logged at WARN otherwise, as is every statement the checks cannot analyse.
 * <p>
 * The statements that run are, as a rule, the ones the dry run made, in the same order: the review analysed exactly
 * those, with the same answers from the schema, so checking them again could find nothing new. They pass without a
 * second parse. At the first statement that differs (or goes past what the dry run reached), the checker starts,
 * follows the reviewed statements that ran before it, and checks that one and every later one.
 */
final class StatementGuard {

	private static final Log logger = LogFactory.getLog(StatementGuard.class);

	/** Checks nothing: safety mode {@code off}, seeders, and {@code down}. */
	static final StatementGuard NONE = new StatementGuard(null, SafetyMode.OFF, List.of(), null);

	private final @Nullable Supplier<StatementChecker> checkers;

	private @Nullable StatementChecker checker;

	/** Whether an attempt started (only ever with checkers): before it, nothing is checked. */
	private boolean started;

	/** The statements the review analysed, in the dry run's order. */
	private final List<SqlStatement> reviewed;

	/** Whether the reviewed statements are proven to leave the session's settings alone. */
	private final boolean reviewedSettingsUntouched;

	/** How many statements of this attempt were the reviewed ones, in order, and passed unparsed. */
	private int matched;

	private final SafetyMode mode;

	private final List<Acknowledgement> acknowledgements;

	/** The findings and unanalysed statements the review reported, by check and statement text. */
	private final Set<String> reported = new HashSet<>();

	/**
	 * @param review what the dry-run review of the migration left, {@code null} when there was none
	 */
	StatementGuard(@Nullable Supplier<StatementChecker> checkers, SafetyMode mode,
			List<Acknowledgement> acknowledgements, SafetyReviews.@Nullable Review review) {
		this.checkers = checkers;
		this.mode = mode;
		this.acknowledgements = acknowledgements;
		this.reviewed = (review != null) ? review.statements() : List.of();
		this.reviewedSettingsUntouched = review != null && review.result().settingsUntouched();
		if (review != null) {
			review.result().acknowledged().forEach((finding) -> this.reported.add(key(finding)));
			review.result().unacknowledged().forEach((finding) -> this.reported.add(key(finding)));
			review.result().unanalysed().forEach((statement) -> this.reported.add(key(statement)));
		}
	}

	/**
	 * Starts an attempt of the step: the statements are followed from the first again (a transactional step that
	 * timed out on a lock runs again from its start); what was reported stays reported.
	 */
	StatementGuard startAttempt() {
		if (this.checkers != null) {
			// NONE, shared by every run, is never written.
			this.started = true;
			this.checker = null;
			this.matched = 0;
		}
		return this;
	}

	/**
	 * Checks the statement about to run.
	 * @throws UnsafeMigrationException in {@code fail} mode, when the statement has an unacknowledged error finding
	 * the review did not see
	 */
	void check(SqlStatement statement) {
		if (!this.started || this.mode == SafetyMode.OFF) {
			return;
		}
		StatementChecker checker = this.checker;
		if (checker == null) {
			if (this.matched < this.reviewed.size() && this.reviewed.get(this.matched).equals(statement)) {
				this.matched++;
				return;
			}
			// The statements part from the dry run's here: the checker follows the ones before, as they ran.
			checker = this.checkers.get();
			this.checker = checker;
			for (int i = 0; i < this.matched; i++) {
				report(checker.check(this.reviewed.get(i)));
			}
		}
		report(checker.check(statement));
	}

	private void report(SafetyAnalysis analysis) {
		for (UnanalysedStatement unanalysed : analysis.unanalysed()) {
			if (this.reported.add(key(unanalysed))) {
				logger.warn("The safety checks could not analyse a statement that runs now: " + unanalysed.describe());
			}
		}
		List<Finding> fresh = analysis.findings().stream().filter((finding) -> !this.reported.contains(key(finding))).toList();
		if (fresh.isEmpty()) {
			return;
		}
		SafetyReview review = SafetyReview.of(fresh, this.acknowledgements);
		if (this.mode == SafetyMode.FAIL && !review.blocking().isEmpty()) {
			throw new UnsafeMigrationException(review.blocking());
		}
		for (Finding finding : review.unacknowledged()) {
			this.reported.add(key(finding));
			logger.warn(finding.describe());
		}
		review.acknowledged().forEach((finding) -> this.reported.add(key(finding)));
	}

	/**
	 * Whether the statements checked in this attempt are proven to change no session setting, from the checks' own
	 * parse; {@code null} when this guard does not parse them (checks off, {@link #NONE}).
	 */
	@Nullable Boolean settingsUntouched() {
		if (!this.started || this.mode == SafetyMode.OFF) {
			return null;
		}
		// The reviewed statements that ran are a prefix of those the review proved untouching (or not).
		return (this.checker != null) ? this.checker.settingsUntouched() : this.reviewedSettingsUntouched;
	}

	private static String key(Finding finding) {
		return finding.checkId() + '\u0000' + finding.sql();
	}

	private static String key(UnanalysedStatement statement) {
		return "unanalysed\u0000" + statement.sql();
	}

}
