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

	/**
	 * A statement the checks do not analyse.
	 * @param kind its leading key words, e.g. {@code create function}
	 * @param reason why it was not analysed in detail, or {@code null} when it is simply not of interest
	 */
	record Other(String kind, @Nullable String reason, String text) implements ParsedStatement {
	}

}
