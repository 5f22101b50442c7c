package dev.migrations.core;

/**
 * The validation policies.
 *
 * @param outOfOrder a pending migration older than the newest applied one (it appears after a branch merge); with
 * {@code WARN} or {@code IGNORE} it is applied
 * @param missing an applied migration that the code no longer has (an older release starting during a rollback sees
 * this)
 * @param failed a failed or interrupted non-transactional migration; with {@code WARN} or {@code IGNORE} it is left as
 * it is and the others run
 * @param modified an applied migration whose class changed since it was applied (its checksum differs from the
 * recorded one); with {@code IGNORE} the checksums of applied migrations are not even computed
 */
public record Validation(ValidationPolicy outOfOrder, ValidationPolicy missing, ValidationPolicy failed,
		ValidationPolicy modified) {

	/** The policies with {@code modified} failing. */
	public Validation(ValidationPolicy outOfOrder, ValidationPolicy missing, ValidationPolicy failed) {
		this(outOfOrder, missing, failed, ValidationPolicy.FAIL);
	}

	/** Out-of-order: fail; missing: warn; failed: fail; modified: fail. */
	public static Validation defaults() {
		return new Validation(ValidationPolicy.FAIL, ValidationPolicy.WARN, ValidationPolicy.FAIL,
				ValidationPolicy.FAIL);
	}

}
