/**
 * The database dialect SPI and its PostgreSQL implementation: quoting, literals, advisory locks, introspection.
 */
@NullMarked
package dev.migrations.dialect;

import org.jspecify.annotations.NullMarked;
