package dev.migrations.safety;

import java.util.List;

/**
 * What the safety checks made of one migration.
 *
 * @param findings the dangerous operations found, in statement order
 * @param unanalysed the statements (or parts of them) the checks could not analyse, in statement order
 * @param settingsUntouched whether every statement analysed is proven to change no session setting (see
 * {@link SessionSettings}), from the parse the checks made anyway
 */
public record SafetyAnalysis(List<Finding> findings, List<UnanalysedStatement> unanalysed, boolean settingsUntouched) {

	public SafetyAnalysis {
		findings = List.copyOf(findings);
		unanalysed = List.copyOf(unanalysed);
	}

	/** An analysis that does not tell whether the statements leave the session's settings alone. */
	public SafetyAnalysis(List<Finding> findings, List<UnanalysedStatement> unanalysed) {
		this(findings, unanalysed, false);
	}

}
