package dev.migrations.safety;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.migrations.safety.SafetyChecksTests.analyze;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AcknowledgementTests {

	@Test
	void annotationsAreReadFromTheMigrationClass() {
		assertThat(Acknowledgement.of("m1", DropsTwoThings.class)).containsExactly(
				new Acknowledgement("drop-column", "column unused since release 42", ""),
				new Acknowledgement("drop-table", "replaced by orders_v2", "old_orders"));
	}

	@Test
	void unknownCheckIsAnErrorThatSuggestsTheRightId() {
		assertThatExceptionOfType(InvalidAcknowledgementException.class)
			.isThrownBy(() -> Acknowledgement.of("20240101_drop", Misspelled.class))
			.withMessageContaining("Invalid @Acknowledge on migration 20240101_drop")
			.withMessageContaining(Misspelled.class.getName())
			.withMessageContaining("Unknown safety check 'drop-colum'")
			.withMessageContaining("did you mean 'drop-column'?")
			.withMessageContaining("add-index-non-concurrently");
	}

	@Test
	void blankReasonIsAnError() {
		assertThatExceptionOfType(InvalidAcknowledgementException.class)
			.isThrownBy(() -> Acknowledgement.of("m1", NoReason.class))
			.withMessageContaining("The acknowledgement of 'drop-column' has no reason");
	}

	@Test
	void findingsAreSplitAndTheAcknowledgedOnesRenderedForTheHistory() {
		List<Finding> findings = analyze(true, "ALTER TABLE orders DROP COLUMN legacy", "DROP TABLE old_orders",
				"DROP TABLE other_orders");
		SafetyReview review = SafetyReview.of(findings, Acknowledgement.of("m1", DropsTwoThings.class));
		assertThat(review.acknowledged()).extracting(Finding::checkId).containsExactly("drop-column", "drop-table");
		assertThat(review.unacknowledged()).extracting(Finding::table).containsExactly("other_orders");
		assertThat(review.unused()).isEmpty();
		assertThat(review.historyText())
			.isEqualTo("drop-column: column unused since release 42\ndrop-table (old_orders): replaced by orders_v2");
	}

	@Test
	void targetMatchesTableOrColumn() {
		List<Finding> findings = analyze(true, "ALTER TABLE app.orders DROP COLUMN a, DROP COLUMN b");
		SafetyReview review = SafetyReview.of(findings,
				List.of(new Acknowledgement("drop-column", "unused", "orders.a")));
		assertThat(review.acknowledged()).extracting(Finding::column).containsExactly("a");
		assertThat(review.unacknowledged()).extracting(Finding::column).containsExactly("b");
	}

	@Test
	void unusedAcknowledgementsAreReported() {
		SafetyReview review = SafetyReview.of(List.of(), List.of(Acknowledgement.of("drop-table", "x")));
		assertThat(review.unused()).hasSize(1);
		assertThat(review.historyText()).isNull();
	}

	@Test
	void failModeStopsOnUnacknowledgedErrorsOnly() {
		SafetyGate gate = new SafetyGate(new SafetyAnalyzer(), SafetyMode.FAIL);
		MigrationUnderAnalysis drop = MigrationUnderAnalysis.of("20240101_drop", true, "ALTER TABLE orders DROP COLUMN a");
		MigrationUnderAnalysis index = MigrationUnderAnalysis.of("20240102_index", true, "CREATE INDEX i ON orders (b)");
		MigrationUnderAnalysis json = MigrationUnderAnalysis.of("20240103_json", true, "ALTER TABLE orders ADD c json");
		assertThatExceptionOfType(UnsafeMigrationException.class)
			.isThrownBy(() -> gate.check(List.of(drop, index, json), (id) -> List.of()))
			.satisfies((ex) -> assertThat(ex.findings()).extracting(Finding::checkId)
				.containsExactly("drop-column", "add-index-non-concurrently"))
			.withMessageStartingWith("2 unsafe operations in 2 pending migrations:")
			.withMessageContaining("[drop-column] migration 20240101_drop, statement 1: ALTER TABLE orders DROP COLUMN a")
			.withMessageContaining("[add-index-non-concurrently] migration 20240102_index")
			.withMessageContaining("CREATE INDEX CONCURRENTLY i ON orders (b);");
		List<SafetyReview> reviews = gate.check(List.of(drop, json),
				(id) -> id.equals("20240101_drop") ? List.of(Acknowledgement.of("drop-column", "unused")) : List.of());
		assertThat(reviews.get(0).historyText()).isEqualTo("drop-column: unused");
		assertThat(reviews.get(1).unacknowledged()).extracting(Finding::checkId).containsExactly("json-column");
	}

	@Test
	void warnModeReportsWithoutFailingAndOffModeDoesNotAnalyse() {
		MigrationUnderAnalysis index = MigrationUnderAnalysis.of("m", true, "CREATE INDEX i ON orders (b)");
		assertThat(new SafetyGate(new SafetyAnalyzer(), SafetyMode.WARN).check(List.of(index), (id) -> List.of())
			.get(0)
			.unacknowledged()).hasSize(1);
		assertThat(new SafetyGate(new SafetyAnalyzer(), SafetyMode.OFF).check(List.of(index), (id) -> List.of()))
			.containsExactly(SafetyReview.empty());
		assertThat(SafetyMode.of(" Warn ")).isEqualTo(SafetyMode.WARN);
	}

	@Acknowledge(check = "drop-column", reason = "column unused since release 42")
	@Acknowledge(check = "drop-table", reason = "replaced by orders_v2", target = "old_orders")
	static class DropsTwoThings {

	}

	@Acknowledge(check = "drop-colum", reason = "typo")
	static class Misspelled {

	}

	@Acknowledge(check = "drop-column", reason = "  ")
	static class NoReason {

	}

}
