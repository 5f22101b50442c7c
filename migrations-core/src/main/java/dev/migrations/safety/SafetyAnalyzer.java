package dev.migrations.safety;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.migrations.safety.ParsedStatement.AlterTable;
import dev.migrations.safety.ParsedStatement.Call;
import dev.migrations.safety.ParsedStatement.CreateRoutine;
import dev.migrations.safety.ParsedStatement.DoBlock;
import dev.migrations.safety.ParsedStatement.Other;
import dev.migrations.safety.RoutineBody.Opaque;
import dev.migrations.safety.RoutineBody.Part;
import dev.migrations.safety.RoutineBody.Sql;
import dev.migrations.safety.SqlSplitter.StatementText;
import dev.migrations.schema.SqlStatement;
import dev.migrations.dialect.Dialect;
import dev.migrations.dialect.MariaDbDialect;
import org.jspecify.annotations.Nullable;

/**
 * Runs the {@link SafetyCheck safety checks} on a pending migration before anything is applied. It reads the
 * statements that a dry run of the migration's {@code up} produced (DSL operations render to SQL too), splits and
 * parses them with a PostgreSQL-aware lexer, and reports each dangerous operation with its safe alternative.
 *
 * <p>The statements inside a {@code DO} block are analysed as if they were written outside it, and so are those of a
 * function or procedure that the migration creates and then calls ({@code CALL p()}, {@code SELECT f()}). What the
 * checks cannot see through is reported as {@link UnanalysedStatement unanalysed}: a statement that could not be
 * read, of a kind the checks do not know, dynamic SQL ({@code EXECUTE} of a string built at run time), a procedure
 * the migration does not create. The analysis never touches the database and never fails on SQL it does not
 * understand. Operations on a table created earlier in the same migration are never reported, since no running code
 * uses it yet.
 *
 * <pre>{@code
 * SafetyAnalysis analysis = new SafetyAnalyzer().examine(
 *         new MigrationUnderAnalysis("20240101_add_index", true, statements));
 * }</pre>
 */
public final class SafetyAnalyzer {

	/** The MariaDB/MySQL ALTER TABLE actions that {@link MySqlRules} reads itself, or that change no data. */
	private static final java.util.regex.Pattern MYSQL_ACTIONS = java.util.regex.Pattern
		.compile("(algorithm|lock|modify|change|add\\s+(unique\\s+)?(index|key)|drop\\s+(index|key)|comment|auto_increment)\\b");

	/** How deep DO blocks, EXECUTEd literals and called routines are followed. */
	private static final int MAX_DEPTH = 4;

	private final SchemaInfo schemaInfo;

	/** Whether the database is MariaDB or MySQL, whose hazards differ from PostgreSQL's. */
	private final boolean mysql;

	/** An analyser that knows nothing about the live database. */
	public SafetyAnalyzer() {
		this(SchemaInfo.unknown());
	}

	/** An analyser that may ask {@code schemaInfo} about the live database (column types, time zone). */
	public SafetyAnalyzer(SchemaInfo schemaInfo) {
		this(schemaInfo, false);
	}

	/**
	 * An analyser for the dialect's database: PostgreSQL's checks, or those of MariaDB and MySQL (table copies,
	 * online index builds, implicit defaults, foreign keys), plus the data checks every database shares.
	 */
	public SafetyAnalyzer(SchemaInfo schemaInfo, Dialect dialect) {
		this(schemaInfo, dialect instanceof MariaDbDialect);
	}

	private SafetyAnalyzer(SchemaInfo schemaInfo, boolean mysql) {
		this.schemaInfo = Objects.requireNonNull(schemaInfo, "schemaInfo");
		this.mysql = mysql;
	}

	/**
	 * The findings of every check on the migration, in statement order.
	 * @param migration the migration's id, transaction mode and statements
	 * @return the findings, empty when nothing dangerous was found
	 * @see #examine(MigrationUnderAnalysis) for the statements that could not be analysed as well
	 */
	public List<Finding> analyze(MigrationUnderAnalysis migration) {
		return examine(migration).findings();
	}

	/**
	 * The findings of every check on the migration, and what the checks could not analyse, both in statement order.
	 * @param migration the migration's id, transaction mode and statements
	 * @return the analysis
	 */
	public SafetyAnalysis examine(MigrationUnderAnalysis migration) {
		Run run = new Run(new Analysis(migration, this.schemaInfo), this.mysql);
		List<SqlStatement> statements = migration.statements();
		for (int index = 0; index < statements.size(); index++) {
			run.call(index, statements.get(index).sql());
		}
		run.finish();
		return new SafetyAnalysis(
				run.analysis.findings().stream().sorted(Comparator.comparingInt(Finding::statementIndex)).toList(),
				run.analysis.unanalysedStatements()
					.stream()
					.sorted(Comparator.comparingInt(UnanalysedStatement::statementIndex))
					.toList(),
				run.settingsUntouched);
	}

	/**
	 * A checker that sees a migration's statements one at a time, as they run: each call analyses one statement with
	 * what the statements before it did (tables created, columns added, routines defined), so that a statement a dry
	 * run never reached is checked all the same. The checks that look at a migration as a whole, once all its
	 * statements are known, are left to the dry run's {@link #examine review}.
	 * @param migrationId the migration's id, for findings
	 * @param transactional whether the migration runs in one transaction
	 */
	public StatementChecker checker(String migrationId, boolean transactional) {
		Run run = new Run(new Analysis(new MigrationUnderAnalysis(migrationId, transactional, List.of()),
				this.schemaInfo), this.mysql);
		return new StatementChecker() {

			private int index;

			@Override
			public SafetyAnalysis check(SqlStatement statement) {
				int findings = run.analysis.findingCount();
				int unanalysed = run.analysis.unanalysedCount();
				run.call(this.index++, statement.sql());
				return new SafetyAnalysis(run.analysis.findingsSince(findings),
						run.analysis.unanalysedSince(unanalysed));
			}

			@Override
			public boolean settingsUntouched() {
				return run.settingsUntouched;
			}

		};
	}

	/** One migration's analysis: the rules, and the routines it created so far. */
	private static final class Run {

		private final Analysis analysis;

		private final List<Rule> rules;

		private final boolean mysql;

		private final Map<String, CreateRoutine> routines = new HashMap<>();

		Run(Analysis analysis, boolean mysql) {
			this.analysis = analysis;
			this.mysql = mysql;
			this.rules = mysql ? List.of(new MySqlRules(), new DataRules())
					: List.of(new IndexRules(), new ConstraintRules(), new ColumnRules(), new EnumRules(),
							new DataRules(), new WholeTableRules());
		}

		/** Whether every call so far is proven to change no session setting ({@link SessionSettings}). */
		private boolean settingsUntouched = true;

		/** One call of the migration: a statement, or a script of several. */
		void call(int index, String sql) {
			List<StatementText> parts;
			try {
				parts = SqlSplitter.split(sql);
			}
			catch (RuntimeException ex) {
				this.settingsUntouched = false;
				// SqlSyntaxException, or a malformed escape the lexer could not decode
				unanalysed(index, sql, "the statement could not be read: " + ex.getMessage(), false, null);
				return;
			}
			for (StatementText part : parts) {
				statement(index, part, parts.size() > 1, null, 0);
			}
		}

		void finish() {
			this.analysis.endStatements();
			this.rules.forEach((rule) -> rule.finish(this.analysis));
		}

		private void statement(int index, StatementText part, boolean shared, @Nullable String routine, int depth) {
			ParsedStatement parsed = SqlParser.parse(part);
			if (depth == 0 && this.settingsUntouched) {
				this.settingsUntouched = SessionSettings.untouchedBy(part, parsed);
			}
			this.analysis.startStatement(index, part, shared, routine);
			if (parsed instanceof DoBlock block) {
				body(index, "the DO block", block.language(), block.body(), part, routine, depth);
				return;
			}
			if (parsed instanceof CreateRoutine create) {
				this.routines.put(create.name().name(), create);
				return;
			}
			if (parsed instanceof Call call) {
				invoke(index, call.procedure(), part, routine, depth);
				return;
			}
			if (parsed instanceof Other other) {
				String reason = StatementKinds.unanalysed(other, part.tokens());
				if (reason != null) {
					this.analysis.unanalysed(part.text(), reason);
				}
				else {
					calledRoutines(index, part, routine, depth);
				}
				this.analysis.startStatement(index, part, shared, routine);
			}
			if (parsed instanceof AlterTable alter) {
				for (AlterAction action : alter.actions()) {
					String reason = (action instanceof AlterAction.Other other
							&& !(this.mysql && MYSQL_ACTIONS.matcher(other.text().trim().toLowerCase(java.util.Locale.ROOT)).lookingAt()))
									? StatementKinds.unanalysed(other) : null;
					if (reason != null) {
						this.analysis.unanalysed(part.text(), reason);
					}
				}
			}
			for (Rule rule : this.rules) {
				rule.inspect(parsed, this.analysis);
			}
			this.analysis.record(parsed);
		}

		/** The statements of a body, analysed where it runs. */
		private void body(int index, String name, String language, String body, StatementText around,
				@Nullable String routine, int depth) {
			if (depth >= MAX_DEPTH) {
				unanalysed(index, around.text(), "nested too deep for the checks to follow", true, routine);
				return;
			}
			for (Part part : RoutineBody.parts(language, body)) {
				if (part instanceof Sql sql) {
					statement(index, sql.statement(), true, name, depth + 1);
				}
				else if (part instanceof Opaque opaque) {
					unanalysed(index, opaque.text(), opaque.reason(), true, name);
				}
			}
		}

		private void invoke(int index, QualifiedName name, StatementText around, @Nullable String routine, int depth) {
			CreateRoutine created = this.routines.get(name.name());
			if (created == null) {
				this.analysis.unanalysed(around.text(), "it calls " + name + ", which this migration does not create: "
						+ "the checks cannot see what it runs");
				return;
			}
			if (created.body() == null) {
				this.analysis.unanalysed(around.text(), "it calls " + name + ", whose body (LANGUAGE "
						+ created.language() + ") the checks cannot read");
				return;
			}
			String language = (created.language() != null) ? created.language() : "sql";
			body(index, (created.procedure() ? "procedure " : "function ") + created.name(), language, created.body(),
					around, routine, depth);
		}

		/** A query that calls a function this migration created: the function's body runs there. */
		private void calledRoutines(int index, StatementText part, @Nullable String routine, int depth) {
			List<Token> tokens = part.tokens();
			for (int i = 0; i + 1 < tokens.size(); i++) {
				Token token = tokens.get(i);
				if (token.isName() && tokens.get(i + 1).isSymbol("(") && this.routines.containsKey(token.value())
						&& !(i > 0 && tokens.get(i - 1).isSymbol("."))) {
					invoke(index, new QualifiedName(null, token.value()), part, routine, depth);
				}
			}
		}

		private void unanalysed(int index, String sql, String reason, boolean shared, @Nullable String routine) {
			this.analysis.startStatement(index, new StatementText(sql, List.of(), 0), shared, routine);
			this.analysis.unanalysed(sql, reason);
		}

	}

}
