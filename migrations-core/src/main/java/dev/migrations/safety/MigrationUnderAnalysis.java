package dev.migrations.safety;

import java.util.List;
import java.util.Objects;

import dev.migrations.schema.SqlStatement;

/**
 * A pending migration as the safety checks see it: what a dry run of its {@code up} would execute.
 *
 * @param migrationId the migration's id, for messages
 * @param transactional whether the migration runs in one transaction ({@code Migration.transactional()})
 * @param statements the statements it runs, in order: rendered DSL operations and raw SQL alike (a raw SQL call may
 * hold several statements separated by semicolons)
 */
public record MigrationUnderAnalysis(String migrationId, boolean transactional, List<SqlStatement> statements) {

	public MigrationUnderAnalysis {
		Objects.requireNonNull(migrationId, "migrationId");
		statements = List.copyOf(statements);
	}

	/** A migration of raw SQL strings, for tests and tools. */
	public static MigrationUnderAnalysis of(String migrationId, boolean transactional, String... sql) {
		return new MigrationUnderAnalysis(migrationId, transactional,
				java.util.Arrays.stream(sql).map(SqlStatement::of).toList());
	}

}
