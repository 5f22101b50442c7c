package dev.migrations.safety;

import java.util.List;
import java.util.Objects;

/**
 * Applies the {@link SafetyMode} to a pending migration: analyses it, splits the findings by the migration's
 * acknowledgements, and in {@link SafetyMode#FAIL fail} mode refuses it when an {@link Severity#ERROR error} is not
 * acknowledged. Call it for every pending migration before applying any.
 */
public final class SafetyGate {

	private final SafetyAnalyzer analyzer;

	private final SafetyMode mode;

	public SafetyGate(SafetyAnalyzer analyzer, SafetyMode mode) {
		this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
		this.mode = Objects.requireNonNull(mode, "mode");
	}

	public SafetyMode mode() {
		return this.mode;
	}

	/**
	 * Reviews one migration without failing: in {@code off} mode the review is empty.
	 * @return the findings split by acknowledgement, and the statements the checks could not analyse; record
	 * {@link SafetyReview#historyText()} with the migration, log {@link SafetyReview#unacknowledged()} and
	 * {@link SafetyReview#unanalysed()} as warnings
	 */
	public SafetyReview review(MigrationUnderAnalysis migration, List<Acknowledgement> acknowledgements) {
		if (this.mode == SafetyMode.OFF) {
			return SafetyReview.empty();
		}
		return SafetyReview.of(this.analyzer.examine(migration), acknowledgements);
	}

	/**
	 * Reviews the migrations and, in {@code fail} mode, throws when any has a blocking finding, listing all of
	 * them at once.
	 * @throws UnsafeMigrationException in {@code fail} mode, when an error finding is not acknowledged
	 */
	public List<SafetyReview> check(List<MigrationUnderAnalysis> migrations,
			java.util.function.Function<String, List<Acknowledgement>> acknowledgements) {
		List<SafetyReview> reviews = migrations.stream()
			.map((migration) -> review(migration, acknowledgements.apply(migration.migrationId())))
			.toList();
		if (this.mode == SafetyMode.FAIL) {
			List<Finding> blocking = reviews.stream().flatMap((review) -> review.blocking().stream()).toList();
			if (!blocking.isEmpty()) {
				throw new UnsafeMigrationException(blocking);
			}
		}
		return reviews;
	}

}
