/**
 * Actuator and Micrometer integration for migrations: the {@code migrations} endpoint, the {@code migrations} health
 * indicator, metrics and observations, with their auto-configurations. Active only when the application has the
 * actuator or Micrometer on its classpath.
 */
@NullMarked
package dev.migrations.actuate;

import org.jspecify.annotations.NullMarked;
