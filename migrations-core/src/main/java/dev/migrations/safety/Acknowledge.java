package dev.migrations.safety;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Acknowledges, on a migration class, that a safety check's finding is known and safe here. The reason is recorded
 * in the migration history. <pre>{@code
 * @Acknowledge(check = "drop-column", reason = "orders.legacy_status unused since release 42")
 * public class DropLegacyStatus implements Migration { ... }
 * }</pre>
 *
 * @see SafetyCheck
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Acknowledge.List.class)
public @interface Acknowledge {

	/** The id of the check, e.g. {@code drop-column} (see {@link SafetyCheck#ids()}). */
	String check();

	/** Why the finding is safe here; required, and recorded in the history. */
	String reason();

	/**
	 * Limits the acknowledgement to one table ({@code orders}) or column ({@code orders.legacy_status}); empty (the
	 * default) covers every finding of the check in the migration.
	 */
	String target() default "";

	/** Holds repeated {@link Acknowledge} annotations. */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@interface List {

		Acknowledge[] value();

	}

}
