package dev.migrations.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The id of a {@link Seeder} class: {@code @SeederId("20260501130000_reference_roles")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SeederId {

	/** A UTC timestamp {@code YYYYMMDDHHMMSS}, an underscore and a description. */
	String value();

}
