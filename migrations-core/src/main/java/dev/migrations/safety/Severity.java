package dev.migrations.safety;

/** How bad a finding is. */
public enum Severity {

	/** The statement blocks the application, fails, or breaks the running code: the migration must not run as is. */
	ERROR,

	/** A design choice the running code or later migrations will regret; reported, never blocking by itself. */
	WARNING

}
