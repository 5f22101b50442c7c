package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a runner records which steps ran: the storage contract of umzug, over one connection. {@link HistoryStore}
 * keeps rows in a table ({@code schema_migrations}, {@code schema_seeds}); {@link #none} keeps nothing (seeders with
 * {@link SeedStorage#NONE}).
 */
interface History {

	/** The history table's schema. */
	String schema();

	/** The history table's name. */
	String table();

	/** Where the rows live, for messages: {@code "public"."schema_migrations"}. */
	String qualifiedTable();

	/** Whether rows are kept at all. */
	boolean stores();

	/** Creates the schema and table when missing; called under the schema lock so replicas never race. */
	void createIfMissing(Connection connection) throws SQLException;

	/** Every row in id order with every column; empty when the table does not exist yet. */
	List<HistoryRow> readAll(Connection connection) throws SQLException;

	/** Every row in id order with what planning needs; empty when the table does not exist yet. */
	List<HistoryRow> readStates(Connection connection) throws SQLException;

	/** Records a step: {@linkplain HistoryRow#applied applied}, {@linkplain HistoryRow#running running} or marked. */
	void insert(Connection connection, HistoryRow row) throws SQLException;

	/** Records how a running step ended. */
	void finish(Connection connection, String id, HistoryRow.State state, OffsetDateTime finishedAt, long executionMs,
			@Nullable String error, @Nullable String script) throws SQLException;

	/** Marks a failed or running row applied, in the given batch. */
	void markApplied(Connection connection, String id, int batch, OffsetDateTime now) throws SQLException;

	/**
	 * Records a step's checksum: one accepted by {@code accept-checksums}, or one missing from a row written before
	 * checksums were recorded.
	 */
	void updateChecksum(Connection connection, String id, String checksum) throws SQLException;

	void delete(Connection connection, String id) throws SQLException;

	/** A history that keeps nothing: reads are empty, writes do nothing. */
	static History none(String schema, String table) {
		return new History() {

			@Override
			public String schema() {
				return schema;
			}

			@Override
			public String table() {
				return table;
			}

			@Override
			public String qualifiedTable() {
				return schema + "." + table + " (not stored)";
			}

			@Override
			public boolean stores() {
				return false;
			}

			@Override
			public void createIfMissing(Connection connection) {
			}

			@Override
			public List<HistoryRow> readAll(Connection connection) {
				return List.of();
			}

			@Override
			public List<HistoryRow> readStates(Connection connection) {
				return List.of();
			}

			@Override
			public void insert(Connection connection, HistoryRow row) {
			}

			@Override
			public void finish(Connection connection, String id, HistoryRow.State state, OffsetDateTime finishedAt,
					long executionMs, @Nullable String error, @Nullable String script) {
			}

			@Override
			public void markApplied(Connection connection, String id, int batch, OffsetDateTime now) {
			}

			@Override
			public void updateChecksum(Connection connection, String id, String checksum) {
			}

			@Override
			public void delete(Connection connection, String id) {
			}

		};
	}

}
