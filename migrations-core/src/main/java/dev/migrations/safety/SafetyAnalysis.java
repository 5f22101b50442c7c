package dev.migrations.safety;

import java.util.List;

/**
 * What the safety checks made of one migration.
 *
 * @param findings the dangerous operations found, in statement order
 * @param unanalysed the statements (or parts of them) the checks could not analyse, in statement order
 */
public record SafetyAnalysis(List<Finding> findings, List<UnanalysedStatement> unanalysed) {

	public SafetyAnalysis {
		findings = List.copyOf(findings);
		unanalysed = List.copyOf(unanalysed);
	}

}
