package dev.migrations.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A migration's acknowledgement of a safety check: the finding is known, and safe for the given reason.
 *
 * @param check the check's id, one of {@link SafetyCheck#ids()}
 * @param reason why it is safe, recorded in the history
 * @param target the table ({@code orders}) or column ({@code orders.status}) it is limited to, or empty for every
 * finding of the check in the migration
 */
public record Acknowledgement(String check, String reason, String target) {

	/**
	 * Validates the acknowledgement.
	 * @throws InvalidAcknowledgementException when the check is unknown or the reason is blank
	 */
	public Acknowledgement {
		Objects.requireNonNull(check, "check");
		Objects.requireNonNull(target, "target");
		if (SafetyCheck.byId(check).isEmpty()) {
			throw new InvalidAcknowledgementException("Unknown safety check '" + check + "'" + suggestion(check)
					+ "; the checks are: " + String.join(", ", SafetyCheck.ids()));
		}
		if (reason == null || reason.isBlank()) {
			throw new InvalidAcknowledgementException("The acknowledgement of '" + check
					+ "' has no reason: say why it is safe (it is recorded in the migration history)");
		}
		check = SafetyCheck.byId(check).orElseThrow().id();
		reason = reason.strip();
		target = target.strip();
	}

	/** An acknowledgement of every finding of the check in the migration. */
	public static Acknowledgement of(String check, String reason) {
		return new Acknowledgement(check, reason, "");
	}

	/**
	 * The acknowledgements declared with {@link Acknowledge @Acknowledge} on a migration class.
	 * @param migrationId the migration's id, for messages
	 * @throws InvalidAcknowledgementException naming the migration when one is invalid
	 */
	public static List<Acknowledgement> of(String migrationId, Class<?> migrationClass) {
		List<Acknowledgement> acknowledgements = new ArrayList<>();
		for (Acknowledge acknowledge : migrationClass.getAnnotationsByType(Acknowledge.class)) {
			try {
				acknowledgements.add(new Acknowledgement(acknowledge.check(), acknowledge.reason(), acknowledge.target()));
			}
			catch (InvalidAcknowledgementException ex) {
				throw new InvalidAcknowledgementException("Invalid @Acknowledge on migration " + migrationId + " ("
						+ migrationClass.getName() + "): " + ex.getMessage());
			}
		}
		return List.copyOf(acknowledgements);
	}

	/** Whether this acknowledgement covers the finding: same check, and the target matches when there is one. */
	public boolean covers(Finding finding) {
		if (!this.check.equals(finding.checkId())) {
			return false;
		}
		if (this.target.isEmpty()) {
			return true;
		}
		String wanted = unquote(this.target);
		String table = (finding.table() != null) ? unquote(finding.table()) : "";
		String unqualified = table.substring(table.lastIndexOf('.') + 1);
		String column = (finding.column() != null) ? unquote(finding.column()) : null;
		if (column == null) {
			return wanted.equals(table) || wanted.equals(unqualified);
		}
		return wanted.equals(table) || wanted.equals(unqualified) || wanted.equals(table + "." + column)
				|| wanted.equals(unqualified + "." + column);
	}

	/** How it is recorded in the history: {@code drop-column: unused since release 42}. */
	public String historyText() {
		return this.check + (this.target.isEmpty() ? "" : " (" + this.target + ")") + ": " + this.reason;
	}

	private static String unquote(String name) {
		return name.replace("\"", "");
	}

	private static String suggestion(String check) {
		return SafetyCheck.ids()
			.stream()
			.min(Comparator.comparingInt((id) -> distance(id, check.trim().toLowerCase(java.util.Locale.ROOT))))
			.filter((id) -> distance(id, check.trim().toLowerCase(java.util.Locale.ROOT)) <= Math.max(3, id.length() / 3))
			.map((id) -> " (did you mean '" + id + "'?)")
			.orElse("");
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	@Override
	public String toString() {
		return historyText();
	}

}
