package dev.migrations.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The id of a {@link Migration} class: {@code @MigrationId("20260501120000_create_orders")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MigrationId {

	/** A UTC timestamp {@code YYYYMMDDHHMMSS}, an underscore and a description. */
	String value();

}
