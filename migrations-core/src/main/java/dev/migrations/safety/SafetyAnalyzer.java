package dev.migrations.safety;

import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.migrations.safety.SqlSplitter.StatementText;
import dev.migrations.schema.SqlStatement;

/**
 * Runs the {@link SafetyCheck safety checks} on a pending migration before anything is applied. It reads the
 * statements that a dry run of the migration's {@code up} produced (DSL operations render to SQL too), splits and
 * parses them with a PostgreSQL-aware lexer, and reports each dangerous operation with its safe alternative.
 *
 * <p>The analysis never touches the database and never fails on SQL it does not understand: such statements are
 * skipped (logged at debug level). Operations on a table created earlier in the same migration are never reported,
 * since no running code uses it yet.
 *
 * <pre>{@code
 * List<Finding> findings = new SafetyAnalyzer().analyze(
 *         new MigrationUnderAnalysis("20240101_add_index", true, statements));
 * }</pre>
 */
public final class SafetyAnalyzer {

	private static final System.Logger logger = System.getLogger(SafetyAnalyzer.class.getName());

	private final SchemaInfo schemaInfo;

	/** An analyser that knows nothing about the live database. */
	public SafetyAnalyzer() {
		this(SchemaInfo.unknown());
	}

	/** An analyser that may ask {@code schemaInfo} about the live database (column types, time zone). */
	public SafetyAnalyzer(SchemaInfo schemaInfo) {
		this.schemaInfo = Objects.requireNonNull(schemaInfo, "schemaInfo");
	}

	/**
	 * The findings of every check on the migration, in statement order.
	 * @param migration the migration's id, transaction mode and statements
	 * @return the findings, empty when nothing dangerous was found
	 */
	public List<Finding> analyze(MigrationUnderAnalysis migration) {
		Analysis analysis = new Analysis(migration, this.schemaInfo);
		List<Rule> rules = List.of(new IndexRules(), new ConstraintRules(), new ColumnRules(), new EnumRules(),
				new DataRules());
		List<SqlStatement> statements = migration.statements();
		for (int index = 0; index < statements.size(); index++) {
			List<StatementText> parts = split(migration, index, statements.get(index));
			for (StatementText part : parts) {
				ParsedStatement parsed = SqlParser.parse(part);
				if (parsed instanceof ParsedStatement.Other other && other.reason() != null) {
					logger.log(Level.DEBUG, () -> "Not analysed in migration " + migration.migrationId() + ", statement "
							+ (parsed.text()) + ": " + other.reason());
				}
				analysis.startStatement(index, part, parts.size() > 1);
				for (Rule rule : rules) {
					rule.inspect(parsed, analysis);
				}
				analysis.record(parsed);
			}
		}
		rules.forEach((rule) -> rule.finish(analysis));
		return analysis.findings()
			.stream()
			.sorted(Comparator.comparingInt(Finding::statementIndex))
			.toList();
	}

	private static List<StatementText> split(MigrationUnderAnalysis migration, int index, SqlStatement statement) {
		try {
			return SqlSplitter.split(statement.sql());
		}
		catch (SqlSyntaxException ex) {
			logger.log(Level.DEBUG, () -> "Not analysed in migration " + migration.migrationId() + ", statement "
					+ (index + 1) + ": " + ex.getMessage());
			return List.of();
		}
	}

}
