package dev.migrations.schema;

import java.util.Locale;

/**
 * PostgreSQL's index access methods, for {@link IndexDefinition#using(IndexMethod)}.
 */
public enum IndexMethod {

	/** The default: equality and ranges on sortable values. */
	BTREE,

	/** Equality only. */
	HASH,

	/** Containment in jsonb, arrays, full-text search ({@code tsvector}), trigrams. */
	GIN,

	/** Geometry, ranges, nearest-neighbour, exclusion constraints. */
	GIST,

	/** Space-partitioned GiST. */
	SPGIST,

	/** Block ranges: tiny indexes for naturally ordered data such as append-only timestamps. */
	BRIN;

	/** The method's name as SQL. */
	public String sql() {
		return name().toLowerCase(Locale.ROOT);
	}

}
