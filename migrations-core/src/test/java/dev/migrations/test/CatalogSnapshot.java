package dev.migrations.test;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything the catalog says about the user schemas, as sorted lines: tables, columns (type, nullability, default,
 * identity), constraints, indexes, sequences, types, views, functions, triggers, comments and extensions. Two
 * snapshots are equal when the schemas are the same, which is how tests check that {@code down} undid {@code up}.
 *
 * <p>The history tables ({@code schema_migrations}, {@code schema_seeds}) are left out by default.
 */
public final class CatalogSnapshot {

	private static final String USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

	private static final String[] QUERIES = {
			// schemas
			"SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS,
			// relations: tables, views, materialized views, sequences, partitioned tables
			"SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind=' || c.relkind::text || ' persistence=' || c.relpersistence::text "
					+ "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "WHERE c.relkind IN ('r','v','m','S','p','f') AND " + USER_SCHEMAS + " AND c.relname NOT IN (:excluded)",
			// columns; position is the rank among live columns, since a dropped column keeps its attnum
			"SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) "
					+ "|| ' notnull=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') "
					+ "|| ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text || ' position=' || row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) "
					+ "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
					+ "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','v','m','p','f') AND " + USER_SCHEMAS
					+ " AND c.relname NOT IN (:excluded)",
			// constraints
			"SELECT 'constraint ' || n.nspname || '.' || coalesce(c.relname, '-') || ' ' || con.conname || ' ' "
					+ "|| pg_get_constraintdef(con.oid) || ' validated=' || con.convalidated "
					+ "FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace "
					+ "LEFT JOIN pg_class c ON c.oid = con.conrelid WHERE " + USER_SCHEMAS
					+ " AND coalesce(c.relname, '') NOT IN (:excluded)",
			// indexes
			"SELECT 'index ' || i.schemaname || '.' || i.indexname || ' ' || i.indexdef FROM pg_indexes i "
					+ "JOIN pg_namespace n ON n.nspname = i.schemaname WHERE " + USER_SCHEMAS
					+ " AND i.tablename NOT IN (:excluded)",
			// types: enums with their labels in order, domains, composites
			"SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' ' "
					+ "|| coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') "
					+ "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e','d') AND "
					+ USER_SCHEMAS,
			// views and materialized views: their definitions
			"SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid) FROM pg_class c "
					+ "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') AND " + USER_SCHEMAS,
			// functions and procedures
			"SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' "
					+ "|| md5(pg_get_functiondef(p.oid)) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
					+ "WHERE p.prokind IN ('f','p') AND " + USER_SCHEMAS
					+ " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')",
			// triggers
			"SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname || ' ' || pg_get_triggerdef(t.oid) "
					+ "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "WHERE NOT t.tgisinternal AND " + USER_SCHEMAS,
			// comments on tables and columns
			"SELECT 'comment ' || n.nspname || '.' || c.relname || '.' || d.objsubid || ' ' || d.description "
					+ "FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass "
					+ "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS,
			// extensions
			"SELECT 'extension ' || e.extname FROM pg_extension e WHERE e.extname <> 'plpgsql'",
			// sequences with their parameters
			"SELECT 'sequence ' || s.schemaname || '.' || s.sequencename || ' ' || s.data_type::text || ' start=' || s.start_value "
					+ "|| ' min=' || s.min_value || ' max=' || s.max_value || ' increment=' || s.increment_by || ' cycle=' || s.cycle "
					+ "|| ' cache=' || s.cache_size FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname WHERE "
					+ USER_SCHEMAS,
			// index states: a failed CREATE INDEX CONCURRENTLY leaves an invalid index
			"SELECT 'index-state ' || n.nspname || '.' || c.relname || ' valid=' || i.indisvalid || ' ready=' || i.indisready "
					+ "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "JOIN pg_class t ON t.oid = i.indrelid WHERE " + USER_SCHEMAS + " AND t.relname NOT IN (:excluded)",
			// sequence ownership (OWNED BY, identity and serial columns)
			"SELECT 'owned ' || n.nspname || '.' || s.relname || ' by ' || t.relname || '.' || a.attname || ' ' || d.deptype::text "
					+ "FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
					+ "JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_class t ON t.oid = d.refobjid "
					+ "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
					+ "WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND " + USER_SCHEMAS
					+ " AND t.relname NOT IN (:excluded)" };

	private final List<String> lines;

	private CatalogSnapshot(List<String> lines) {
		this.lines = lines;
	}

	/** The catalog of the database, without the migrations' own history tables. */
	public static CatalogSnapshot of(DataSource dataSource) {
		return of(dataSource, "schema_migrations", "schema_seeds");
	}

	/** The catalog of the database, without the named tables. */
	public static CatalogSnapshot of(DataSource dataSource, String... excludedTables) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		String excluded = (excludedTables.length == 0) ? "''"
				: String.join(",", java.util.Arrays.stream(excludedTables).map((t) -> "'" + t.replace("'", "''") + "'").toList());
		List<String> lines = new ArrayList<>();
		for (String query : QUERIES) {
			lines.addAll(jdbc.queryForList(query.replace(":excluded", excluded), String.class));
		}
		lines.sort(null);
		return new CatalogSnapshot(List.copyOf(lines));
	}

	/** Whether the snapshot names nothing: no schema but {@code public}, no object. */
	public boolean isEmptySchema() {
		return this.lines.equals(List.of("schema public"));
	}

	public List<String> lines() {
		return this.lines;
	}

	/** Whether the snapshot names a relation (table, view, sequence) with that name in any schema. */
	public boolean hasRelation(String name) {
		return this.lines.stream().anyMatch((line) -> line.startsWith("relation ") && line.contains("." + name + " kind="));
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof CatalogSnapshot snapshot) && snapshot.lines.equals(this.lines);
	}

	@Override
	public int hashCode() {
		return this.lines.hashCode();
	}

	@Override
	public String toString() {
		return String.join("\n", this.lines);
	}

}
