package dev.migrations.safety;

import org.jspecify.annotations.Nullable;

/** One action of {@code ALTER TABLE}; each keeps its source {@code text}. */
sealed interface AlterAction {

	String text();

	/** {@code ADD [COLUMN] [IF NOT EXISTS] column}. */
	record AddColumn(ColumnSpec column, String text) implements AlterAction {
	}

	/** {@code DROP [COLUMN] [IF EXISTS] column}. */
	record DropColumn(String column, String text) implements AlterAction {
	}

	/** {@code ALTER [COLUMN] column [SET DATA] TYPE type [USING expression]}. */
	record AlterColumnType(String column, TypeName type, @Nullable Expression using, String text)
			implements AlterAction {
	}

	/** {@code ALTER [COLUMN] column SET NOT NULL}. */
	record SetNotNull(String column, String text) implements AlterAction {
	}

	/** {@code ALTER [COLUMN] column DROP NOT NULL}. */
	record DropNotNull(String column, String text) implements AlterAction {
	}

	/** {@code ALTER [COLUMN] column SET DEFAULT expression}. */
	record SetDefault(String column, Expression value, String text) implements AlterAction {
	}

	/** {@code ALTER [COLUMN] column DROP DEFAULT}. */
	record DropDefault(String column, String text) implements AlterAction {
	}

	/** {@code ADD [CONSTRAINT name] ...}. */
	record AddConstraint(ConstraintSpec constraint, String text) implements AlterAction {
	}

	/** {@code VALIDATE CONSTRAINT name}. */
	record ValidateConstraint(String name, String text) implements AlterAction {
	}

	/** {@code DROP CONSTRAINT [IF EXISTS] name}. */
	record DropConstraint(String name, String text) implements AlterAction {
	}

	/** {@code RENAME [COLUMN] from TO to}. */
	record RenameColumn(String from, String to, String text) implements AlterAction {
	}

	/** {@code RENAME TO name}. */
	record RenameTable(String to, String text) implements AlterAction {
	}

	/** {@code RENAME CONSTRAINT from TO to}. */
	record RenameConstraint(String from, String to, String text) implements AlterAction {
	}

	/** {@code SET LOGGED} or {@code SET UNLOGGED}. */
	record SetPersistence(boolean logged, String text) implements AlterAction {
	}

	/** Any other action: not analysed. */
	record Other(String text) implements AlterAction {
	}

}
