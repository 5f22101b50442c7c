package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;

import dev.migrations.safety.ParsedStatement.AddEnumValue;
import dev.migrations.safety.ParsedStatement.RenameEnumValue;

/** {@code add-enum-value-used-in-transaction} and {@code rename-enum-value}. */
final class EnumRules implements Rule {

	private final List<Added> added = new ArrayList<>();

	@Override
	public void inspect(ParsedStatement statement, Analysis analysis) {
		if (statement instanceof AddEnumValue add) {
			if (analysis.transactional() && !analysis.isNewType(add.type())) {
				this.added.add(new Added(add, analysis.statementIndex()));
			}
			return;
		}
		if (statement instanceof RenameEnumValue rename && !analysis.isNewType(rename.type())) {
			renameValue(rename, analysis);
		}
		for (Added value : this.added) {
			if (uses(analysis.statement().tokens(), value.statement().value())) {
				usedInTransaction(value, analysis);
			}
		}
	}

	private static boolean uses(List<Token> tokens, String value) {
		return tokens.stream().anyMatch((token) -> token.type() == Token.Type.STRING && token.value().equals(value));
	}

	private void usedInTransaction(Added value, Analysis analysis) {
		String type = value.statement().type().sql();
		String label = Identifiers.literal(value.statement().value());
		analysis.report(SafetyCheck.ADD_ENUM_VALUE_USED_IN_TRANSACTION, null, null,
				"Value " + label + " is added to enum type " + type + " (" + Analysis.ordinal(value.index())
						+ ") and used here in the same transaction: PostgreSQL refuses it (\"unsafe use of new value "
						+ label + " of enum type\") until the transaction that added it has committed.",
				"Add the value in a migration of its own and use it in a later one (or make this migration "
						+ "non-transactional: transactional() returns false):\n"
						+ "  " + value.statement().text() + ";\n"
						+ "  -- in the next migration: the statements that use " + label + ".");
	}

	private void renameValue(RenameEnumValue rename, Analysis analysis) {
		String from = Identifiers.literal(rename.from());
		String to = Identifiers.literal(rename.to());
		analysis.report(SafetyCheck.RENAME_ENUM_VALUE, null, null,
				"Renaming value " + from + " of enum type " + rename.type() + " to " + to
						+ ": the running application still reads and writes " + from
						+ " and fails on it from the moment the rename commits until the new code is deployed.",
				"Expand and contract: add the new value, deploy code that accepts both, move the rows over in batches, "
						+ "then stop using the old one (PostgreSQL cannot drop an enum value):\n"
						+ "  ALTER TYPE " + rename.type() + " ADD VALUE IF NOT EXISTS " + to + ";\n"
						+ "  -- in a later migration, in batches:\n"
						+ "  UPDATE <table> SET <column> = " + to + " WHERE <column> = " + from + " AND <key range>;");
	}

	private record Added(AddEnumValue statement, int index) {
	}

}
