package dev.migrations.core;

import java.util.List;

import dev.migrations.schema.CatalogDifference;

/**
 * What {@code diff} found: how the live schema differs from the schema that replaying every applied migration into a
 * scratch database builds.
 *
 * @param scratchDatabase the scratch database the migrations were replayed into (dropped again)
 * @param replayed the applied migrations replayed, in id order
 * @param notReplayed the applied migrations no longer in the code, which could not be replayed: what they created
 * shows as differences
 * @param differences the differences, expected being the replayed schema and actual the live one, in object order;
 * the history tables are left out
 */
public record DriftReport(String scratchDatabase, List<String> replayed, List<String> notReplayed,
		List<CatalogDifference> differences) {

	public DriftReport {
		replayed = List.copyOf(replayed);
		notReplayed = List.copyOf(notReplayed);
		differences = List.copyOf(differences);
	}

	/** Whether the live schema differs from what the applied migrations build. */
	public boolean hasDrift() {
		return !this.differences.isEmpty();
	}

	/** The report as text: a summary line, then one line per difference. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		text.append("Replayed ").append(this.replayed.size())
			.append(" applied migration(s) into the scratch database ").append(this.scratchDatabase)
			.append(" (dropped); ");
		text.append(this.differences.isEmpty() ? "the live schema matches them"
				: "the live schema differs in " + this.differences.size() + " object(s)").append('\n');
		if (!this.notReplayed.isEmpty()) {
			text.append("Not replayed (applied, no longer in the code): ").append(String.join(", ", this.notReplayed))
				.append('\n');
		}
		this.differences.forEach((difference) -> text.append("  ").append(difference).append('\n'));
		return text.toString();
	}

}
