package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A migration's findings split by its acknowledgements.
 *
 * @param acknowledged the findings an acknowledgement covers
 * @param unacknowledged the findings no acknowledgement covers
 * @param used the acknowledgements that covered at least one finding
 * @param unused the acknowledgements that covered nothing (the check found nothing to acknowledge)
 * @param unanalysed the statements the checks could not analyse: they run unchecked, report them (in {@code plan} and
 * at WARN); they never stop a run
 * @param settingsUntouched whether the reviewed statements are proven to change no session setting
 * ({@link SafetyAnalysis#settingsUntouched()}); {@code false} when the review cannot tell
 */
public record SafetyReview(List<Finding> acknowledged, List<Finding> unacknowledged, List<Acknowledgement> used,
		List<Acknowledgement> unused, List<UnanalysedStatement> unanalysed, boolean settingsUntouched) {

	public SafetyReview {
		acknowledged = List.copyOf(acknowledged);
		unacknowledged = List.copyOf(unacknowledged);
		used = List.copyOf(used);
		unused = List.copyOf(unused);
		unanalysed = List.copyOf(unanalysed);
	}

	/** A review that does not tell whether the statements leave the session's settings alone. */
	public SafetyReview(List<Finding> acknowledged, List<Finding> unacknowledged, List<Acknowledgement> used,
			List<Acknowledgement> unused, List<UnanalysedStatement> unanalysed) {
		this(acknowledged, unacknowledged, used, unused, unanalysed, false);
	}

	/** A review with no unanalysed statements. */
	public SafetyReview(List<Finding> acknowledged, List<Finding> unacknowledged, List<Acknowledgement> used,
			List<Acknowledgement> unused) {
		this(acknowledged, unacknowledged, used, unused, List.of());
	}

	/** No findings and no acknowledgements (the checks are off). */
	public static SafetyReview empty() {
		return new SafetyReview(List.of(), List.of(), List.of(), List.of(), List.of());
	}

	/** Splits the analysis's findings by the acknowledgements, and keeps its unanalysed statements. */
	public static SafetyReview of(SafetyAnalysis analysis, List<Acknowledgement> acknowledgements) {
		SafetyReview review = of(analysis.findings(), acknowledgements);
		return new SafetyReview(review.acknowledged, review.unacknowledged, review.used, review.unused,
				analysis.unanalysed(), analysis.settingsUntouched());
	}

	/** Splits the findings into those the acknowledgements cover and the others. */
	public static SafetyReview of(List<Finding> findings, List<Acknowledgement> acknowledgements) {
		List<Finding> acknowledged = new ArrayList<>();
		List<Finding> unacknowledged = new ArrayList<>();
		List<Acknowledgement> used = new ArrayList<>();
		for (Finding finding : findings) {
			List<Acknowledgement> covering = acknowledgements.stream().filter((ack) -> ack.covers(finding)).toList();
			if (covering.isEmpty()) {
				unacknowledged.add(finding);
			}
			else {
				acknowledged.add(finding);
				covering.stream().filter((ack) -> !used.contains(ack)).forEach(used::add);
			}
		}
		List<Acknowledgement> unused = acknowledgements.stream().filter((ack) -> !used.contains(ack)).toList();
		return new SafetyReview(acknowledged, unacknowledged, used, unused);
	}

	/** The unacknowledged findings of severity {@link Severity#ERROR}: those that stop the run in {@code fail} mode. */
	public List<Finding> blocking() {
		return this.unacknowledged.stream().filter((finding) -> finding.severity() == Severity.ERROR).toList();
	}

	/**
	 * The acknowledgements that applied, as text for the migration history, one per line
	 * ({@code drop-column: unused since release 42}), or {@code null} when none applied.
	 */
	public @Nullable String historyText() {
		if (this.used.isEmpty()) {
			return null;
		}
		return this.used.stream().map(Acknowledgement::historyText).collect(Collectors.joining("\n"));
	}

}
