package dev.migrations.safety;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The statements the checks understand; everything else is {@link Other}. Each keeps its source {@code text}. */
sealed interface ParsedStatement {

	String text();

	/**
	 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table ...}.
	 * @param concurrentText the statement with {@code CONCURRENTLY} added (the same text when it has it)
	 */
	record CreateIndex(boolean unique, boolean concurrently, boolean ifNotExists, @Nullable String name,
			QualifiedName table, boolean only, List<String> columns, String concurrentText, String text)
			implements ParsedStatement {
	}

	/** {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...]}. */
	record DropIndex(boolean concurrently, boolean ifExists, List<QualifiedName> names, String text)
			implements ParsedStatement {
	}

	/** {@code REINDEX ... [CONCURRENTLY] name}. */
	record Reindex(String target, boolean concurrently, QualifiedName name, String text) implements ParsedStatement {
	}

	/** {@code CREATE TABLE}, also {@code CREATE TABLE ... AS} and {@code PARTITION OF}. */
	record CreateTable(QualifiedName table, List<ColumnSpec> columns, List<ConstraintSpec> constraints, String text)
			implements ParsedStatement {
	}

	/** {@code DROP TABLE [IF EXISTS] name [, ...]}. */
	record DropTable(List<QualifiedName> tables, String text) implements ParsedStatement {
	}

	/** {@code ALTER TABLE [IF EXISTS] [ONLY] table action [, ...]}. */
	record AlterTable(QualifiedName table, List<AlterAction> actions, String text) implements ParsedStatement {
	}

	/** {@code CREATE TYPE type AS ...}: an enum, composite, range or base type. */
	record CreateType(QualifiedName type, String text) implements ParsedStatement {
	}

	/** {@code ALTER TYPE type ADD VALUE [IF NOT EXISTS] 'value' ...}. */
	record AddEnumValue(QualifiedName type, String value, String text) implements ParsedStatement {
	}

	/** {@code ALTER TYPE type RENAME VALUE 'from' TO 'to'}. */
	record RenameEnumValue(QualifiedName type, String from, String to, String text) implements ParsedStatement {
	}

	/** {@code UPDATE [ONLY] table ... [WHERE ...]}. */
	record Update(QualifiedName table, boolean hasWhere, String text) implements ParsedStatement {
	}

	/** {@code DELETE FROM [ONLY] table ... [WHERE ...]}. */
	record Delete(QualifiedName table, boolean hasWhere, String text) implements ParsedStatement {
	}

	/** {@code INSERT INTO table ...}. */
	record Insert(QualifiedName table, String text) implements ParsedStatement {
	}

	/** {@code VACUUM [FULL] [(options)] [table [, ...]]}; no table means every table of the database. */
	record Vacuum(boolean full, List<QualifiedName> tables, String text) implements ParsedStatement {
	}

	/**
	 * {@code LOCK [TABLE] [ONLY] table [, ...] [IN mode MODE] [NOWAIT]}.
	 * @param mode the lock mode in upper case, {@code ACCESS EXCLUSIVE} when none is given
	 */
	record LockTable(List<QualifiedName> tables, String mode, String text) implements ParsedStatement {
	}

	/** {@code TRUNCATE [TABLE] [ONLY] table [, ...] [RESTART IDENTITY] [CASCADE]}. */
	record Truncate(List<QualifiedName> tables, boolean cascade, String text) implements ParsedStatement {
	}

	/**
	 * {@code CLUSTER [VERBOSE] [table [USING index]]} or {@code CLUSTER index ON table}.
	 * @param table the table, or {@code null} for every previously clustered table of the database
	 */
	record Cluster(@Nullable QualifiedName table, @Nullable String index, String text) implements ParsedStatement {
	}

	/**
	 * {@code DO [LANGUAGE language] 'body'}: an anonymous code block, run at once.
	 * @param language the body's language in lower case, {@code plpgsql} when none is given
	 * @param body the body, its quotes removed
	 */
	record DoBlock(String language, String body, String text) implements ParsedStatement {
	}

	/**
	 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE name (...) ... AS 'body' LANGUAGE language}, or with a SQL-standard
	 * body ({@code BEGIN ATOMIC ... END}). Nothing of the body runs until the routine is called.
	 * @param language the body's language in lower case ({@code sql} for a SQL-standard body), or {@code null} when
	 * not given
	 * @param body the body's statements, or {@code null} when it has none the checks could read (a C function, an
	 * expression body {@code RETURN ...})
	 */
	record CreateRoutine(QualifiedName name, boolean procedure, @Nullable String language, @Nullable String body,
			String text) implements ParsedStatement {
	}

	/** {@code CALL procedure (...)}. */
	record Call(QualifiedName procedure, String text) implements ParsedStatement {
	}

	/**
	 * A statement the checks do not analyse.
	 * @param kind its leading key words, e.g. {@code create function}
	 * @param reason why it was not analysed in detail, or {@code null} when it is simply not of interest
	 */
	record Other(String kind, @Nullable String reason, String text) implements ParsedStatement {
	}

}
