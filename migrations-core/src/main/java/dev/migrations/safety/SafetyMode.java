package dev.migrations.safety;

import java.util.Locale;

/** What the safety checks do with their findings ({@code migrations.safety.mode}). */
public enum SafetyMode {

	/** Findings of severity {@link Severity#ERROR} that are not acknowledged stop the run before anything is applied. */
	FAIL,

	/** Findings are logged as warnings; migrations run anyway. */
	WARN,

	/** The checks do not run. */
	OFF;

	/** The mode named {@code value}, case-insensitive ({@code fail}, {@code warn}, {@code off}). */
	public static SafetyMode of(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown safety mode '" + value + "': use fail (the default), warn or off", ex);
		}
	}

}
