package dev.migrations.safety;

import java.util.List;

/**
 * Pending migrations would do something dangerous to a live database; nothing was applied. The message lists every
 * finding with its safe alternative and how to acknowledge it.
 */
public class UnsafeMigrationException extends RuntimeException {

	private final List<Finding> findings;

	public UnsafeMigrationException(List<Finding> findings) {
		super(SafetyReport.render(findings));
		this.findings = List.copyOf(findings);
	}

	/** The findings that stopped the run. */
	public List<Finding> findings() {
		return this.findings;
	}

}
