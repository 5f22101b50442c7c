/**
 * The build-time index of migration classes: {@link dev.migrations.index.MigrationIndexProcessor} (an annotation
 * processor javac finds on the class path) writes it, {@link dev.migrations.index.MigrationIndex} reads it and checks
 * it against a {@link dev.migrations.index.ClassFileListing} so that startup need not read every class file.
 */
@NullMarked
package dev.migrations.index;

import org.jspecify.annotations.NullMarked;
