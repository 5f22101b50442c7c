/**
 * Checks that stop dangerous operations before they run, and the timeout and retry policy.
 */
@NullMarked
package dev.migrations.safety;

import org.jspecify.annotations.NullMarked;
