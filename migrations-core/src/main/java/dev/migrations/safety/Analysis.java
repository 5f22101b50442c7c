package dev.migrations.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.safety.ParsedStatement.AlterTable;
import dev.migrations.safety.ParsedStatement.Cluster;
import dev.migrations.safety.ParsedStatement.CreateIndex;
import dev.migrations.safety.ParsedStatement.CreateTable;
import dev.migrations.safety.ParsedStatement.CreateType;
import dev.migrations.safety.ParsedStatement.DropIndex;
import dev.migrations.safety.ParsedStatement.DropTable;
import dev.migrations.safety.ParsedStatement.LockTable;
import dev.migrations.safety.ParsedStatement.Truncate;
import dev.migrations.safety.SqlSplitter.StatementText;
import org.jspecify.annotations.Nullable;

/**
 * The analysis of one migration: what the statements so far created, added and locked, and the findings. Rules read
 * it before a statement is recorded, so a statement never counts as its own history.
 */
final class Analysis {

	private static final int EXCERPT_LENGTH = 200;

	private final MigrationUnderAnalysis migration;

	private final SchemaInfo schemaInfo;

	private final List<Finding> findings = new ArrayList<>();

	private final List<QualifiedName> createdTables = new ArrayList<>();

	private final List<QualifiedName> createdTypes = new ArrayList<>();

	private final Map<String, QualifiedName> createdIndexes = new HashMap<>();

	private final Map<String, Boolean> notYetInDatabase = new HashMap<>();

	private final List<TableColumn> addedColumns = new ArrayList<>();

	private final List<ConstraintRecord> constraints = new ArrayList<>();

	private final List<TableChange> schemaChanges = new ArrayList<>();

	private final List<UnanalysedStatement> unanalysed = new ArrayList<>();

	private int statementIndex;

	private @Nullable StatementText statement;

	private boolean sharedCall;

	private @Nullable String routine;

	Analysis(MigrationUnderAnalysis migration, SchemaInfo schemaInfo) {
		this.migration = migration;
		this.schemaInfo = schemaInfo;
	}

	/** Moves to the next parsed statement: the one at {@code index} in the migration, possibly part of a script. */
	void startStatement(int index, StatementText statement, boolean sharedCall) {
		startStatement(index, statement, sharedCall, null);
	}

	/**
	 * Moves to the next parsed statement, inside the body of {@code routine} ({@code the DO block},
	 * {@code procedure p}) when not {@code null}.
	 */
	void startStatement(int index, StatementText statement, boolean sharedCall, @Nullable String routine) {
		this.statementIndex = index;
		this.statement = statement;
		this.sharedCall = sharedCall;
		this.routine = routine;
	}

	/** Leaves the last statement: what follows looks at the migration as a whole. */
	void endStatements() {
		this.routine = null;
		this.sharedCall = false;
	}

	/** Whether the current statement runs in a transaction: a transactional migration, or a routine's body. */
	boolean transactional() {
		return this.migration.transactional() || this.routine != null;
	}

	/** The DO block or routine whose body holds the current statement ({@code the DO block}), or {@code null}. */
	@Nullable String routine() {
		return this.routine;
	}

	/** Whether the current statement was sent in one call together with other statements. */
	boolean sharedCall() {
		return this.sharedCall;
	}

	int statementIndex() {
		return this.statementIndex;
	}

	StatementText statement() {
		if (this.statement == null) {
			throw new IllegalStateException("No statement under analysis");
		}
		return this.statement;
	}

	SchemaInfo schemaInfo() {
		return this.schemaInfo;
	}

	/**
	 * Whether the table was created earlier in this migration, or does not exist in the live database yet (an earlier
	 * pending migration of the same run creates it): nothing done to it can hurt the application.
	 */
	boolean isNew(QualifiedName table) {
		return this.createdTables.stream().anyMatch(table::sameAs) || this.notYetInDatabase.computeIfAbsent(
				table.schema() + "." + table.name(),
				(key) -> this.schemaInfo.tableExists(table.schema(), table.name()).map((exists) -> !exists).orElse(false));
	}

	boolean isNewType(QualifiedName type) {
		return this.createdTypes.stream().anyMatch(type::sameAs);
	}

	boolean isNewIndex(QualifiedName index) {
		QualifiedName table = this.createdIndexes.get(index.name());
		return table != null && (index.schema() == null || table.schema() == null
				|| index.schema().equals(table.schema()));
	}

	/** Whether the column was added earlier in this migration (the running code does not use it yet). */
	boolean isNewColumn(QualifiedName table, String column) {
		return isNew(table) || this.addedColumns.stream()
			.anyMatch((added) -> added.table().sameAs(table) && added.column().equals(column));
	}

	List<ConstraintRecord> constraints() {
		return this.constraints;
	}

	/** The first schema change of an existing table in this migration so far, if any; of {@code table} if given. */
	@Nullable TableChange firstSchemaChange(@Nullable QualifiedName table) {
		return this.schemaChanges.stream()
			.filter((change) -> table == null || (change.table() != null && change.table().sameAs(table)))
			.findFirst()
			.orElse(null);
	}

	/** Records what the statement created, added or locked, after the rules have seen it. */
	void record(ParsedStatement parsed) {
		if (parsed instanceof CreateTable create) {
			this.createdTables.add(create.table());
			this.schemaInfo.tableCreated(create.table().schema(), create.table().name());
		}
		else if (parsed instanceof CreateType create) {
			this.createdTypes.add(create.type());
		}
		else if (parsed instanceof CreateIndex index) {
			if (index.name() != null) {
				this.createdIndexes.put(index.name(), index.table());
			}
			if (!index.concurrently()) {
				schemaChange(index.table(), parsed);
			}
		}
		else if (parsed instanceof DropIndex) {
			this.schemaChanges.add(new TableChange(null, this.statementIndex, excerpt(parsed.text())));
		}
		else if (parsed instanceof DropTable drop) {
			drop.tables().forEach((table) -> schemaChange(table, parsed));
		}
		else if (parsed instanceof AlterTable alter) {
			recordAlter(alter);
		}
		else if (parsed instanceof Truncate truncate) {
			truncate.tables().forEach((table) -> schemaChange(table, parsed));
		}
		else if (parsed instanceof LockTable lock && WholeTableRules.blocksWrites(lock.mode())) {
			lock.tables().forEach((table) -> schemaChange(table, parsed));
		}
		else if (parsed instanceof Cluster cluster && cluster.table() != null) {
			schemaChange(cluster.table(), parsed);
		}
	}

	private void recordAlter(AlterTable alter) {
		boolean onlyValidation = true;
		for (AlterAction action : alter.actions()) {
			if (action instanceof AlterAction.AddColumn add) {
				this.addedColumns.add(new TableColumn(alter.table(), add.column().name()));
			}
			else if (action instanceof AlterAction.AddConstraint add && add.constraint().name() != null) {
				ConstraintSpec constraint = add.constraint();
				this.constraints.add(new ConstraintRecord(alter.table(), constraint.name(), constraint.check(),
						constraint.notValid(), false, this.statementIndex));
			}
			else if (action instanceof AlterAction.ValidateConstraint validate) {
				ConstraintRecord added = findConstraint(alter.table(), validate.name());
				this.constraints.add(new ConstraintRecord(alter.table(), validate.name(),
						(added != null) ? added.check() : null, false, true, this.statementIndex));
			}
			onlyValidation &= action instanceof AlterAction.ValidateConstraint;
		}
		if (!onlyValidation) {
			schemaChange(alter.table(), alter);
		}
	}

	private void schemaChange(QualifiedName table, ParsedStatement parsed) {
		if (!isNew(table)) {
			this.schemaChanges.add(new TableChange(table, this.statementIndex, excerpt(parsed.text())));
		}
	}

	/** The constraint added (not validated) in this migration under that name, if any. */
	@Nullable ConstraintRecord findConstraint(QualifiedName table, String name) {
		return this.constraints.stream()
			.filter((c) -> !c.validated() && c.table().sameAs(table) && c.name().equals(name))
			.findFirst()
			.orElse(null);
	}

	/** Reports a finding on the current statement. */
	void report(SafetyCheck check, @Nullable QualifiedName table, @Nullable String column, String message,
			String safeAlternative) {
		this.findings.add(new Finding(check.id(), check.severity(), this.migration.migrationId(), this.statementIndex,
				excerpt(statement().text()), (table != null) ? table.sql() : null, column, message, safeAlternative));
	}

	/** Reports a finding on an earlier statement of the migration. */
	void report(SafetyCheck check, int statementIndex, String sql, @Nullable QualifiedName table, String message,
			String safeAlternative) {
		this.findings.add(new Finding(check.id(), check.severity(), this.migration.migrationId(), statementIndex, sql,
				(table != null) ? table.sql() : null, null, message, safeAlternative));
	}

	List<Finding> findings() {
		return List.copyOf(this.findings);
	}

	int findingCount() {
		return this.findings.size();
	}

	/** The findings from the given position on: what the statements since then added. */
	List<Finding> findingsSince(int from) {
		return List.copyOf(this.findings.subList(from, this.findings.size()));
	}

	/** Records that the checks could not analyse {@code sql}, part of the current statement, and why. */
	void unanalysed(String sql, String reason) {
		String where = (this.routine != null) ? " (in " + this.routine + ")" : "";
		this.unanalysed.add(new UnanalysedStatement(this.migration.migrationId(), this.statementIndex, excerpt(sql),
				reason + where));
	}

	List<UnanalysedStatement> unanalysedStatements() {
		return List.copyOf(this.unanalysed);
	}

	int unanalysedCount() {
		return this.unanalysed.size();
	}

	List<UnanalysedStatement> unanalysedSince(int from) {
		return List.copyOf(this.unanalysed.subList(from, this.unanalysed.size()));
	}

	/** The statement on one line, cut to a readable length. */
	static String excerpt(String sql) {
		String line = Secrets.redact(sql).replaceAll("\\s+", " ").trim();
		return (line.length() <= EXCERPT_LENGTH) ? line : line.substring(0, EXCERPT_LENGTH - 3) + "...";
	}

	/** "statement 3" for the statement at index 2. */
	static String ordinal(int index) {
		return "statement " + (index + 1);
	}

	record TableColumn(QualifiedName table, String column) {
	}

	/**
	 * A constraint this migration added or validated.
	 * @param check its CHECK expression when known
	 */
	record ConstraintRecord(QualifiedName table, String name, @Nullable Expression check, boolean notValid,
			boolean validated, int statementIndex) {
	}

	/**
	 * A statement of this migration that changed the schema of an existing table, holding a strong lock on it until
	 * the transaction ends.
	 * @param table the table, or {@code null} when unknown (an index dropped by name)
	 */
	record TableChange(@Nullable QualifiedName table, int statementIndex, String sql) {
	}

}
