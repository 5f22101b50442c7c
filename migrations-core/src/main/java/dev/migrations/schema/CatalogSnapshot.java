package dev.migrations.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * What a PostgreSQL catalog says about the user schemas, object by object: schemas, relations, columns (type,
 * nullability, default, identity, generation, position), constraints and indexes by definition, enum and domain
 * types with their labels in order, views, functions, triggers, comments, extensions, sequences and what owns them.
 * Two snapshots are equal when the schemas are the same; {@link #differencesFrom(CatalogSnapshot)} says how they
 * differ. This is how {@code down} is checked against {@code up}, and a live schema against its migrations.
 */
public final class CatalogSnapshot {

	private static final String USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

	/** Where a query leaves the excluded tables out; bound as a text array. */
	private static final String NOT_EXCLUDED = " <> ALL (?::text[])";

	/** Each query selects an object's key (kind and name) and its definition. */
	private static final String[] QUERIES = {
			"SELECT 'schema ' || n.nspname, '' FROM pg_namespace n WHERE " + USER_SCHEMAS,
			// relations: tables, views, materialized views, sequences, partitioned and foreign tables
			"SELECT 'relation ' || n.nspname || '.' || c.relname, 'kind=' || c.relkind::text || ' persistence=' "
					+ "|| c.relpersistence::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "WHERE c.relkind IN ('r','v','m','S','p','f') AND " + USER_SCHEMAS + " AND c.relname"
					+ NOT_EXCLUDED,
			// columns; the position is the rank among live columns, since a dropped column keeps its attnum
			"SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod) "
					+ "|| ' notnull=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') "
					+ "|| ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text "
					+ "|| ' position=' || row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) "
					+ "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
					+ "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','v','m','p','f') AND "
					+ USER_SCHEMAS + " AND c.relname" + NOT_EXCLUDED,
			"SELECT 'constraint ' || n.nspname || '.' || coalesce(c.relname, '-') || ' ' || con.conname, "
					+ "pg_get_constraintdef(con.oid) || ' validated=' || con.convalidated "
					+ "FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace "
					+ "LEFT JOIN pg_class c ON c.oid = con.conrelid WHERE " + USER_SCHEMAS
					+ " AND coalesce(c.relname, '')" + NOT_EXCLUDED,
			"SELECT 'index ' || i.schemaname || '.' || i.indexname, i.indexdef FROM pg_indexes i "
					+ "JOIN pg_namespace n ON n.nspname = i.schemaname WHERE " + USER_SCHEMAS + " AND i.tablename"
					+ NOT_EXCLUDED,
			// types: enums with their labels in order, domains
			"SELECT 'type ' || n.nspname || '.' || t.typname, t.typtype::text || ' ' "
					+ "|| coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e "
					+ "WHERE e.enumtypid = t.oid), '') "
					+ "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e','d') AND "
					+ USER_SCHEMAS,
			"SELECT 'view ' || n.nspname || '.' || c.relname, pg_get_viewdef(c.oid) FROM pg_class c "
					+ "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') AND " + USER_SCHEMAS,
			// functions and procedures, except those of extensions; the body by its hash
			"SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
					+ "'md5=' || md5(pg_get_functiondef(p.oid)) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
					+ "WHERE p.prokind IN ('f','p') AND " + USER_SCHEMAS
					+ " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')",
			"SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) "
					+ "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "WHERE NOT t.tgisinternal AND " + USER_SCHEMAS,
			"SELECT 'comment ' || n.nspname || '.' || c.relname || '.' || d.objsubid, d.description "
					+ "FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass "
					+ "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS,
			"SELECT 'extension ' || e.extname, '' FROM pg_extension e WHERE e.extname <> 'plpgsql'",
			"SELECT 'sequence ' || s.schemaname || '.' || s.sequencename, s.data_type::text || ' start=' || s.start_value "
					+ "|| ' min=' || s.min_value || ' max=' || s.max_value || ' increment=' || s.increment_by "
					+ "|| ' cycle=' || s.cycle || ' cache=' || s.cache_size "
					+ "FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname WHERE " + USER_SCHEMAS,
			// a failed CREATE INDEX CONCURRENTLY leaves an invalid index
			"SELECT 'index-state ' || n.nspname || '.' || c.relname, 'valid=' || i.indisvalid || ' ready=' || i.indisready "
					+ "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "JOIN pg_class t ON t.oid = i.indrelid WHERE " + USER_SCHEMAS + " AND t.relname" + NOT_EXCLUDED,
			// sequence ownership: OWNED BY, identity and serial columns
			"SELECT 'owned ' || n.nspname || '.' || s.relname, 'by ' || t.relname || '.' || a.attname || ' ' || d.deptype::text "
					+ "FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
					+ "JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_class t ON t.oid = d.refobjid "
					+ "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
					+ "WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND " + USER_SCHEMAS
					+ " AND t.relname" + NOT_EXCLUDED };

	/** Definitions by object key, in key order. */
	private final Map<String, String> objects;

	private CatalogSnapshot(Map<String, String> objects) {
		this.objects = objects;
	}

	/**
	 * Reads the catalog of the database a connection is on.
	 * @param connection the connection; left open
	 * @param excludedTables tables to leave out with their columns, constraints and indexes (the history tables,
	 * say), by name in any schema
	 * @return the snapshot
	 * @throws SQLException when the catalog cannot be read
	 */
	public static CatalogSnapshot read(Connection connection, Collection<String> excludedTables) throws SQLException {
		Map<String, String> objects = new TreeMap<>();
		Array excluded = connection.createArrayOf("text", excludedTables.toArray());
		try {
			for (String query : QUERIES) {
				try (PreparedStatement statement = connection.prepareStatement(query)) {
					if (query.contains("?")) {
						statement.setArray(1, excluded);
					}
					try (ResultSet rows = statement.executeQuery()) {
						while (rows.next()) {
							// Keys are unique by construction; should two objects share one, neither is lost.
							objects.merge(rows.getString(1), rows.getString(2), (a, b) -> a + "; " + b);
						}
					}
				}
			}
		}
		finally {
			excluded.free();
		}
		return new CatalogSnapshot(objects);
	}

	/**
	 * Reads the catalog of a database.
	 * @param dataSource the database
	 * @param excludedTables tables to leave out, by name in any schema
	 * @return the snapshot
	 * @throws SQLException when the catalog cannot be read
	 */
	public static CatalogSnapshot read(DataSource dataSource, String... excludedTables) throws SQLException {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return read(connection, List.of(excludedTables));
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** Each object as a line, its key then its definition, in key order. */
	public List<String> lines() {
		List<String> lines = new ArrayList<>(this.objects.size());
		this.objects.forEach((key, definition) -> lines.add(definition.isEmpty() ? key : key + " " + definition));
		return lines;
	}

	/**
	 * How this catalog differs from an expected one, object by object, in key order; empty when they are the same.
	 * @param expected the catalog this one should be
	 * @return the differences
	 */
	public List<CatalogDifference> differencesFrom(CatalogSnapshot expected) {
		Set<String> keys = new TreeSet<>(expected.objects.keySet());
		keys.addAll(this.objects.keySet());
		List<CatalogDifference> differences = new ArrayList<>();
		for (String key : keys) {
			@Nullable String before = expected.objects.get(key);
			@Nullable String after = this.objects.get(key);
			if (before == null || !before.equals(after)) {
				differences.add(new CatalogDifference(key, before, after));
			}
		}
		return differences;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof CatalogSnapshot snapshot) && snapshot.objects.equals(this.objects);
	}

	@Override
	public int hashCode() {
		return this.objects.hashCode();
	}

	@Override
	public String toString() {
		return String.join("\n", lines());
	}

}
