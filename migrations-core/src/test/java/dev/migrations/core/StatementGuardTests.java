package dev.migrations.core;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.safety.SafetyAnalysis;
import dev.migrations.safety.SafetyMode;
import dev.migrations.safety.SafetyReview;
import dev.migrations.safety.StatementChecker;
import dev.migrations.schema.SqlStatement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement checks as a migration runs: the statements the dry-run review analysed pass without a second parse,
 * and the first one that differs starts a checker that has followed everything that ran before it.
 */
class StatementGuardTests {

	private static final SqlStatement CREATE = SqlStatement.of("CREATE TABLE audit (id bigint)");

	private static final SqlStatement INDEX = SqlStatement.of("CREATE INDEX audit_id ON audit (id)");

	private static final SqlStatement DROP = SqlStatement.of("ALTER TABLE users DROP COLUMN legacy");

	private final List<List<SqlStatement>> checkers = new ArrayList<>();

	@Test
	void statementsTheReviewAnalysedRunWithoutAChecker() {
		StatementGuard guard = guard(reviewed(true), List.of(CREATE, INDEX)).startAttempt();
		guard.check(CREATE);
		guard.check(INDEX);
		assertThat(this.checkers).isEmpty();
		assertThat(guard.settingsUntouched()).isTrue();
	}

	@Test
	void firstStatementThatDiffersStartsACheckerThatFollowedTheOnesBefore() {
		StatementGuard guard = guard(reviewed(true), List.of(CREATE, INDEX)).startAttempt();
		guard.check(CREATE);
		guard.check(DROP);
		guard.check(INDEX);
		assertThat(this.checkers).containsExactly(List.of(CREATE, DROP, INDEX));
		// From there on the checker's own parse answers.
		assertThat(guard.settingsUntouched()).isFalse();
	}

	@Test
	void statementPastWhatTheDryRunReachedIsChecked() {
		StatementGuard guard = guard(reviewed(true), List.of(CREATE)).startAttempt();
		guard.check(CREATE);
		guard.check(DROP);
		assertThat(this.checkers).containsExactly(List.of(CREATE, DROP));
	}

	@Test
	void eachAttemptFollowsTheReviewFromItsFirstStatement() {
		StatementGuard guard = guard(reviewed(true), List.of(CREATE, INDEX)).startAttempt();
		guard.check(CREATE);
		guard.startAttempt();
		guard.check(CREATE);
		guard.check(INDEX);
		assertThat(this.checkers).isEmpty();
	}

	@Test
	void withoutAReviewEveryStatementIsChecked() {
		StatementGuard guard = guard(null, List.of()).startAttempt();
		guard.check(CREATE);
		guard.check(INDEX);
		assertThat(this.checkers).containsExactly(List.of(CREATE, INDEX));
	}

	@Test
	void reviewThatCannotTellWhetherTheSettingsChangeSaysSo() {
		StatementGuard guard = guard(reviewed(false), List.of(CREATE)).startAttempt();
		guard.check(CREATE);
		assertThat(this.checkers).isEmpty();
		assertThat(guard.settingsUntouched()).isFalse();
	}

	private StatementGuard guard(@Nullable SafetyReview review, List<SqlStatement> reviewed) {
		return new StatementGuard(() -> {
			List<SqlStatement> seen = new ArrayList<>();
			this.checkers.add(seen);
			return new StatementChecker() {

				@Override
				public SafetyAnalysis check(SqlStatement statement) {
					seen.add(statement);
					return new SafetyAnalysis(List.of(), List.of());
				}

				@Override
				public boolean settingsUntouched() {
					return !seen.contains(DROP);
				}

			};
		}, SafetyMode.FAIL, List.of(),
				(review != null) ? new SafetyReviews.Review(review, reviewed, List.of()) : null);
	}

	private static SafetyReview reviewed(boolean settingsUntouched) {
		return new SafetyReview(List.of(), List.of(), List.of(), List.of(), List.of(), settingsUntouched);
	}

}
