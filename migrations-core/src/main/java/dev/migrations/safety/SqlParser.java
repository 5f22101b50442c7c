package dev.migrations.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.migrations.safety.AlterAction.AddColumn;
import dev.migrations.safety.AlterAction.AddConstraint;
import dev.migrations.safety.AlterAction.AlterColumnType;
import dev.migrations.safety.AlterAction.DropColumn;
import dev.migrations.safety.AlterAction.DropConstraint;
import dev.migrations.safety.AlterAction.DropDefault;
import dev.migrations.safety.AlterAction.DropNotNull;
import dev.migrations.safety.AlterAction.RenameColumn;
import dev.migrations.safety.AlterAction.RenameConstraint;
import dev.migrations.safety.AlterAction.RenameTable;
import dev.migrations.safety.AlterAction.SetDefault;
import dev.migrations.safety.AlterAction.SetNotNull;
import dev.migrations.safety.AlterAction.SetPersistence;
import dev.migrations.safety.AlterAction.ValidateConstraint;
import dev.migrations.safety.ParsedStatement.AddEnumValue;
import dev.migrations.safety.ParsedStatement.AlterTable;
import dev.migrations.safety.ParsedStatement.Call;
import dev.migrations.safety.ParsedStatement.Cluster;
import dev.migrations.safety.ParsedStatement.CreateRoutine;
import dev.migrations.safety.ParsedStatement.DoBlock;
import dev.migrations.safety.ParsedStatement.LockTable;
import dev.migrations.safety.ParsedStatement.Truncate;
import dev.migrations.safety.ParsedStatement.Vacuum;
import dev.migrations.safety.ParsedStatement.CreateIndex;
import dev.migrations.safety.ParsedStatement.CreateTable;
import dev.migrations.safety.ParsedStatement.CreateType;
import dev.migrations.safety.ParsedStatement.Delete;
import dev.migrations.safety.ParsedStatement.DropIndex;
import dev.migrations.safety.ParsedStatement.DropTable;
import dev.migrations.safety.ParsedStatement.Insert;
import dev.migrations.safety.ParsedStatement.Other;
import dev.migrations.safety.ParsedStatement.Reindex;
import dev.migrations.safety.ParsedStatement.RenameEnumValue;
import dev.migrations.safety.ParsedStatement.Update;
import dev.migrations.safety.SqlSplitter.StatementText;
import org.jspecify.annotations.Nullable;

/**
 * A recursive-descent parser for the PostgreSQL statements the safety checks analyse. It reads a statement only as
 * far as the checks need and never fails: a statement it does not know, or cannot follow, becomes
 * {@link ParsedStatement.Other}.
 */
final class SqlParser {

	/** Key words that start a table constraint in a table definition or {@code ALTER TABLE ... ADD}. */
	private static final Set<String> TABLE_CONSTRAINT_STARTS = Set.of("constraint", "check", "unique", "primary",
			"foreign", "exclude");

	/** Key words that start a column constraint or option: they end a {@code DEFAULT} expression. */
	private static final Set<String> COLUMN_OPTION_WORDS = Set.of("constraint", "not", "null", "check", "default",
			"generated", "unique", "primary", "references", "collate", "deferrable", "initially", "compression",
			"storage");

	private final StatementText statement;

	private final List<Token> tokens;

	private int position;

	SqlParser(StatementText statement) {
		this.statement = statement;
		this.tokens = statement.tokens();
	}

	/** Parses one statement; never throws. */
	static ParsedStatement parse(StatementText statement) {
		SqlParser parser = new SqlParser(statement);
		try {
			return parser.statement();
		}
		catch (ParseFailure ex) {
			return new Other(parser.kind(), ex.getMessage(), statement.text());
		}
	}

	private ParsedStatement statement() {
		if (accept("with")) {
			skipCommonTableExpressions();
			if (peekIs("update") || peekIs("delete") || peekIs("insert")) {
				return statement();
			}
			return other(null);
		}
		if (accept("create")) {
			accept("or", "replace");
			if (accept("function")) {
				return createRoutine(false);
			}
			if (accept("procedure")) {
				return createRoutine(true);
			}
			boolean unique = accept("unique");
			if (accept("index")) {
				return createIndex(unique);
			}
			if (!unique) {
				if (accept("global") || accept("local")) {
					// fall through to the table kind
				}
				if (accept("temporary") || accept("temp") || accept("unlogged")) {
					// a table of its own kind, created all the same
				}
				if (accept("table")) {
					return createTable();
				}
				if (accept("type")) {
					return new CreateType(qualifiedName(), text());
				}
			}
			return other(null);
		}
		if (accept("drop")) {
			if (accept("index")) {
				return dropIndex();
			}
			if (accept("table")) {
				return dropTable();
			}
			return other(null);
		}
		if (accept("alter")) {
			if (accept("table")) {
				return alterTable();
			}
			if (accept("type")) {
				return alterType();
			}
			return other(null);
		}
		if (accept("update")) {
			accept("only");
			QualifiedName table = qualifiedName();
			return new Update(table, hasTopLevel("where"), text());
		}
		if (accept("delete")) {
			expect("from");
			accept("only");
			QualifiedName table = qualifiedName();
			return new Delete(table, hasTopLevel("where"), text());
		}
		if (accept("insert")) {
			expect("into");
			return new Insert(qualifiedName(), text());
		}
		if (accept("reindex")) {
			return reindex();
		}
		if (accept("vacuum")) {
			return vacuum();
		}
		if (accept("lock")) {
			return lock();
		}
		if (accept("truncate")) {
			return truncate();
		}
		if (accept("cluster")) {
			return cluster();
		}
		if (accept("do")) {
			return doBlock();
		}
		if (accept("call")) {
			return new Call(qualifiedName(), text());
		}
		return other(null);
	}

	private ParsedStatement vacuum() {
		boolean full = false;
		if (peekSymbol("(")) {
			full = parenthesizedOption("full");
		}
		else {
			while (peekIsAny(Set.of("full", "freeze", "verbose", "analyze", "analyse"))) {
				full |= word().equals("full");
			}
		}
		List<QualifiedName> tables = new ArrayList<>();
		if (!atEnd()) {
			do {
				tables.add(qualifiedName());
				if (peekSymbol("(")) {
					skipParenthesized();
				}
			}
			while (acceptSymbol(","));
		}
		return new Vacuum(full, List.copyOf(tables), text());
	}

	/** Whether a parenthesized option list ({@code (FULL, ANALYZE)}, {@code (FULL true)}) turns the option on. */
	private boolean parenthesizedOption(String option) {
		int open = this.position;
		skipParenthesized();
		int close = this.position - 1;
		boolean on = false;
		int item = open + 1;
		while (item < close) {
			int end = item;
			int depth = 0;
			while (end < close && !(depth == 0 && this.tokens.get(end).isSymbol(","))) {
				depth += this.tokens.get(end).isSymbol("(") ? 1 : this.tokens.get(end).isSymbol(")") ? -1 : 0;
				end++;
			}
			if (this.tokens.get(item).is(option)) {
				on = end == item + 1 || !Set.of("false", "off", "0").contains(
						this.tokens.get(item + 1).value().toLowerCase(java.util.Locale.ROOT));
			}
			item = end + 1;
		}
		return on;
	}

	private ParsedStatement lock() {
		accept("table");
		List<QualifiedName> tables = tableList();
		String mode = "ACCESS EXCLUSIVE";
		if (accept("in")) {
			List<String> words = new ArrayList<>();
			while (!atEnd() && !peekIs("mode")) {
				words.add(word().toUpperCase(java.util.Locale.ROOT));
			}
			expect("mode");
			mode = String.join(" ", words);
		}
		return new LockTable(tables, mode, text());
	}

	private ParsedStatement truncate() {
		accept("table");
		List<QualifiedName> tables = tableList();
		return new Truncate(tables, hasTopLevel("cascade"), text());
	}

	/** {@code [ONLY] name [*] [, ...]}. */
	private List<QualifiedName> tableList() {
		List<QualifiedName> tables = new ArrayList<>();
		do {
			accept("only");
			tables.add(qualifiedName());
			acceptSymbol("*");
		}
		while (acceptSymbol(","));
		return List.copyOf(tables);
	}

	private ParsedStatement cluster() {
		if (peekSymbol("(")) {
			skipParenthesized();
		}
		accept("verbose");
		if (atEnd()) {
			return new Cluster(null, null, text());
		}
		QualifiedName first = qualifiedName();
		if (accept("on")) {
			return new Cluster(qualifiedName(), first.name(), text());
		}
		String index = accept("using") ? name() : null;
		return new Cluster(first, index, text());
	}

	private ParsedStatement doBlock() {
		String language = "plpgsql";
		String body = null;
		while (!atEnd()) {
			if (accept("language")) {
				language = languageName();
			}
			else if (peek() != null && peek().type() == Token.Type.STRING) {
				body = string();
			}
			else {
				throw new ParseFailure("unexpected " + describe(peek()) + " in a DO statement");
			}
		}
		if (body == null) {
			throw new ParseFailure("a DO statement without a body");
		}
		return new DoBlock(language, body, text());
	}

	private ParsedStatement createRoutine(boolean procedure) {
		QualifiedName name = qualifiedName();
		skipParenthesized();
		String language = null;
		String body = null;
		boolean objectFile = false;
		while (!atEnd()) {
			if (accept("language")) {
				language = languageName();
			}
			else if (accept("as")) {
				String definition = string();
				if (acceptSymbol(",")) {
					string();
					objectFile = true;
				}
				else {
					body = definition;
				}
			}
			else if (accept("begin", "atomic")) {
				int start = this.position;
				int end = this.tokens.size() - 1;
				if (!this.tokens.get(end).is("end")) {
					throw new ParseFailure("a BEGIN ATOMIC body without END");
				}
				body = (end > start) ? this.statement.source(this.tokens.get(start), this.tokens.get(end - 1)) : "";
				language = "sql";
				this.position = this.tokens.size();
			}
			else if (peekSymbol("(")) {
				skipParenthesized();
			}
			else {
				this.position++;
			}
		}
		if (objectFile || (language != null && !language.equals("sql") && !language.equals("plpgsql"))) {
			body = null;
		}
		return new CreateRoutine(name, procedure, language, body, text());
	}

	private String languageName() {
		Token token = peek();
		if (token != null && token.type() == Token.Type.STRING) {
			return SqlLexer.foldCase(string());
		}
		return name();
	}

	private void skipCommonTableExpressions() {
		accept("recursive");
		do {
			name();
			if (peekSymbol("(")) {
				skipParenthesized();
			}
			expect("as");
			accept("not");
			accept("materialized");
			skipParenthesized();
		}
		while (acceptSymbol(","));
	}

	private ParsedStatement createIndex(boolean unique) {
		Token indexKeyword = this.tokens.get(this.position - 1);
		boolean concurrently = accept("concurrently");
		boolean ifNotExists = accept("if", "not", "exists");
		String name = peekIs("on") ? null : name();
		expect("on");
		boolean only = accept("only");
		QualifiedName table = qualifiedName();
		acceptSymbol("*");
		if (accept("using")) {
			name();
		}
		List<String> columns = new ArrayList<>();
		if (peekSymbol("(")) {
			int open = this.position;
			skipParenthesized();
			columns.addAll(leadingNames(open + 1, this.position - 1));
		}
		String text = text();
		String concurrentText = text;
		if (!concurrently) {
			int at = indexKeyword.end() - this.statement.offset();
			concurrentText = text.substring(0, at) + " CONCURRENTLY" + text.substring(at);
		}
		return new CreateIndex(unique, concurrently, ifNotExists, name, table, only, List.copyOf(columns), concurrentText,
				text);
	}

	private ParsedStatement dropIndex() {
		boolean concurrently = accept("concurrently");
		boolean ifExists = accept("if", "exists");
		List<QualifiedName> names = new ArrayList<>();
		do {
			names.add(qualifiedName());
		}
		while (acceptSymbol(","));
		return new DropIndex(concurrently, ifExists, names, text());
	}

	private ParsedStatement dropTable() {
		accept("if", "exists");
		List<QualifiedName> names = new ArrayList<>();
		do {
			names.add(qualifiedName());
		}
		while (acceptSymbol(","));
		return new DropTable(names, text());
	}

	private ParsedStatement reindex() {
		if (peekSymbol("(")) {
			skipParenthesized();
		}
		String target = word();
		boolean concurrently = accept("concurrently");
		return new Reindex(target, concurrently, qualifiedName(), text());
	}

	private ParsedStatement createTable() {
		accept("if", "not", "exists");
		QualifiedName table = qualifiedName();
		List<ColumnSpec> columns = new ArrayList<>();
		List<ConstraintSpec> constraints = new ArrayList<>();
		if (acceptSymbol("(")) {
			while (!acceptSymbol(")")) {
				if (peekIsAny(TABLE_CONSTRAINT_STARTS)) {
					constraints.add(tableConstraint());
				}
				else if (peekIs("like")) {
					skipToElementEnd();
				}
				else {
					columns.add(columnSpec());
				}
				if (!acceptSymbol(",") && !peekSymbol(")")) {
					throw new ParseFailure("unexpected " + describe(peek()) + " in the table definition");
				}
			}
		}
		return new CreateTable(table, columns, constraints, text());
	}

	private ParsedStatement alterTable() {
		accept("if", "exists");
		accept("only");
		QualifiedName table = qualifiedName();
		acceptSymbol("*");
		List<AlterAction> actions = new ArrayList<>();
		do {
			actions.add(alterAction());
		}
		while (acceptSymbol(","));
		return new AlterTable(table, actions, text());
	}

	private AlterAction alterAction() {
		int start = this.position;
		AlterAction action = alterActionBody(start);
		skipToElementEnd();
		return action;
	}

	private AlterAction alterActionBody(int start) {
		if (accept("add")) {
			if (peekIsAny(TABLE_CONSTRAINT_STARTS)) {
				ConstraintSpec constraint = tableConstraint();
				return new AddConstraint(constraint, source(start));
			}
			accept("column");
			accept("if", "not", "exists");
			ColumnSpec column = columnSpec();
			return new AddColumn(column, source(start));
		}
		if (accept("drop")) {
			if (accept("constraint")) {
				accept("if", "exists");
				String name = name();
				return new DropConstraint(name, sourceToElementEnd(start));
			}
			accept("column");
			accept("if", "exists");
			String column = name();
			return new DropColumn(column, sourceToElementEnd(start));
		}
		if (accept("alter")) {
			accept("column");
			String column = name();
			if (accept("set", "data", "type") || accept("type")) {
				TypeName type = typeName();
				Expression using = null;
				if (accept("collate")) {
					qualifiedName();
				}
				if (accept("using")) {
					using = expression(false);
				}
				return new AlterColumnType(column, type, using, source(start));
			}
			if (accept("set", "not", "null")) {
				return new SetNotNull(column, source(start));
			}
			if (accept("drop", "not", "null")) {
				return new DropNotNull(column, source(start));
			}
			if (accept("set", "default")) {
				Expression value = expression(false);
				return new SetDefault(column, value, source(start));
			}
			if (accept("drop", "default")) {
				return new DropDefault(column, source(start));
			}
			return new AlterAction.Other(sourceToElementEnd(start));
		}
		if (accept("set", "logged")) {
			return new SetPersistence(true, source(start));
		}
		if (accept("set", "unlogged")) {
			return new SetPersistence(false, source(start));
		}
		if (accept("validate", "constraint")) {
			return new ValidateConstraint(name(), source(start));
		}
		if (accept("rename")) {
			if (accept("to")) {
				return new RenameTable(name(), source(start));
			}
			if (accept("constraint")) {
				String from = name();
				expect("to");
				return new RenameConstraint(from, name(), source(start));
			}
			accept("column");
			String from = name();
			expect("to");
			return new RenameColumn(from, name(), source(start));
		}
		return new AlterAction.Other(sourceToElementEnd(start));
	}

	private ParsedStatement alterType() {
		QualifiedName type = qualifiedName();
		if (accept("add", "value")) {
			accept("if", "not", "exists");
			return new AddEnumValue(type, string(), text());
		}
		if (accept("rename", "value")) {
			String from = string();
			expect("to");
			return new RenameEnumValue(type, from, string(), text());
		}
		return other(null);
	}

	/** A column definition: name, type, then constraints and options in any order. */
	private ColumnSpec columnSpec() {
		int start = this.position;
		String name = name();
		TypeName type = typeName();
		Expression defaultValue = null;
		Expression check = null;
		Expression generated = null;
		QualifiedName references = null;
		boolean notNull = false;
		boolean unique = false;
		boolean primaryKey = false;
		boolean identity = false;
		while (!atElementEnd()) {
			if (accept("constraint")) {
				name();
			}
			else if (accept("not", "null")) {
				notNull = true;
			}
			else if (accept("null")) {
				notNull = false;
			}
			else if (accept("default")) {
				defaultValue = expression(true);
			}
			else if (accept("check")) {
				check = parenthesizedExpression();
				accept("no", "inherit");
			}
			else if (accept("unique")) {
				unique = true;
				accept("nulls", "not", "distinct");
				accept("nulls", "distinct");
			}
			else if (accept("primary", "key")) {
				primaryKey = true;
				notNull = true;
			}
			else if (accept("references")) {
				references = qualifiedName();
			}
			else if (accept("generated")) {
				if (!accept("always")) {
					expect("by");
					expect("default");
				}
				expect("as");
				if (accept("identity")) {
					identity = true;
					notNull = true;
				}
				else {
					generated = parenthesizedExpression();
					if (accept("virtual")) {
						generated = null;
					}
				}
			}
			else if (peekSymbol("(")) {
				skipParenthesized();
			}
			else {
				this.position++;
			}
		}
		return new ColumnSpec(name, type, defaultValue, notNull, unique, primaryKey, references, check, generated,
				identity, source(start));
	}

	/** A table constraint, read to the end of its element. */
	private ConstraintSpec tableConstraint() {
		int start = this.position;
		String name = accept("constraint") ? name() : null;
		ConstraintSpec.Kind kind;
		Expression check = null;
		if (accept("check")) {
			kind = ConstraintSpec.Kind.CHECK;
			check = parenthesizedExpression();
		}
		else if (accept("unique")) {
			kind = ConstraintSpec.Kind.UNIQUE;
		}
		else if (accept("primary", "key")) {
			kind = ConstraintSpec.Kind.PRIMARY_KEY;
		}
		else if (accept("foreign", "key")) {
			kind = ConstraintSpec.Kind.FOREIGN_KEY;
		}
		else if (accept("exclude")) {
			kind = ConstraintSpec.Kind.EXCLUDE;
		}
		else if (accept("not", "null")) {
			kind = ConstraintSpec.Kind.NOT_NULL;
		}
		else {
			throw new ParseFailure("unexpected " + describe(peek()) + " in a constraint");
		}
		List<String> columns = new ArrayList<>();
		QualifiedName references = null;
		String usingIndex = null;
		boolean notValid = false;
		while (!atElementEnd()) {
			if (peekSymbol("(")) {
				int open = this.position;
				skipParenthesized();
				if (columns.isEmpty() && kind != ConstraintSpec.Kind.CHECK && references == null) {
					columns.addAll(leadingNames(open + 1, this.position - 1));
				}
			}
			else if (kind == ConstraintSpec.Kind.NOT_NULL && columns.isEmpty() && peek().isName()) {
				columns.add(name());
			}
			else if (accept("using", "index")) {
				if (!peekIs("tablespace")) {
					usingIndex = name();
				}
			}
			else if (accept("references")) {
				references = qualifiedName();
			}
			else if (accept("not", "valid")) {
				notValid = true;
			}
			else {
				this.position++;
			}
		}
		return new ConstraintSpec(name, kind, columns, references, check, usingIndex, notValid, source(start));
	}

	/** The first name of each comma-separated item between two token positions (exclusive end). */
	private List<String> leadingNames(int from, int to) {
		List<String> names = new ArrayList<>();
		boolean itemStart = true;
		int depth = 0;
		for (int i = from; i < to; i++) {
			Token token = this.tokens.get(i);
			if (depth == 0 && itemStart && token.isName()) {
				names.add(token.value());
			}
			itemStart = false;
			if (token.isSymbol("(")) {
				depth++;
			}
			else if (token.isSymbol(")")) {
				depth--;
			}
			else if (depth == 0 && token.isSymbol(",")) {
				itemStart = true;
			}
		}
		return names;
	}

	/**
	 * A type name: possibly qualified, possibly of several words ({@code double precision},
	 * {@code character varying}, {@code timestamp(3) with time zone}, {@code interval day to second}), with
	 * modifiers and array bounds.
	 */
	TypeName typeName() {
		int start = this.position;
		StringBuilder words = new StringBuilder(name());
		if (acceptSymbol(".")) {
			words.append('.').append(name());
		}
		List<String> modifiers = new ArrayList<>();
		String first = words.toString();
		switch (first) {
			case "double" -> {
				expect("precision");
				words.append(" precision");
			}
			case "national" -> {
				words.append(' ').append(word());
				if (accept("varying")) {
					words.append(" varying");
				}
			}
			case "character", "char", "nchar", "bit" -> {
				if (accept("varying")) {
					words.append(" varying");
				}
			}
			case "interval" -> {
				while (peekIsAny(Set.of("year", "month", "day", "hour", "minute", "second", "to"))) {
					this.position++;
				}
			}
			default -> {
			}
		}
		if (peekSymbol("(")) {
			modifiers.addAll(modifiers());
		}
		if ((first.equals("timestamp") || first.equals("time"))) {
			if (accept("with", "time", "zone")) {
				words.append(" with time zone");
			}
			else if (accept("without", "time", "zone")) {
				words.append(" without time zone");
			}
		}
		boolean array = false;
		while (peekSymbol("[") || peekIs("array")) {
			array = true;
			if (accept("array")) {
				if (!peekSymbol("[")) {
					continue;
				}
			}
			while (!acceptSymbol("]")) {
				this.position++;
				if (atEnd()) {
					throw new ParseFailure("unterminated array bounds");
				}
			}
		}
		String canonical = TypeName.canonical(words.toString(), modifiers);
		return new TypeName(canonical, List.copyOf(modifiers), array, source(start));
	}

	private List<String> modifiers() {
		int open = this.position;
		skipParenthesized();
		List<String> modifiers = new ArrayList<>();
		int itemStart = open + 1;
		for (int i = open + 1; i < this.position; i++) {
			Token token = this.tokens.get(i);
			if (token.isSymbol(",") || i == this.position - 1) {
				if (i > itemStart) {
					modifiers.add(this.statement.source(this.tokens.get(itemStart), this.tokens.get(i - 1)));
				}
				itemStart = i + 1;
			}
		}
		return modifiers;
	}

	private Expression parenthesizedExpression() {
		int open = this.position;
		skipParenthesized();
		List<Token> inner = this.tokens.subList(open + 1, this.position - 1);
		if (inner.isEmpty()) {
			throw new ParseFailure("empty expression");
		}
		return new Expression(this.statement.source(inner.get(0), inner.get(inner.size() - 1)), List.copyOf(inner));
	}

	/**
	 * An expression up to the end of the element (a top-level comma or closing parenthesis) or, for a column
	 * default, up to the next column option.
	 */
	private Expression expression(boolean columnDefault) {
		int start = this.position;
		int depth = 0;
		while (!atEnd()) {
			Token token = peek();
			if (depth == 0 && (token.isSymbol(",") || token.isSymbol(")"))) {
				break;
			}
			if (depth == 0 && columnDefault && this.position > start && endsDefault(token)) {
				break;
			}
			if (token.isSymbol("(") || token.isSymbol("[")) {
				depth++;
			}
			else if (token.isSymbol(")") || token.isSymbol("]")) {
				depth--;
			}
			this.position++;
		}
		if (this.position == start) {
			throw new ParseFailure("missing expression");
		}
		List<Token> expression = this.tokens.subList(start, this.position);
		return new Expression(source(start), List.copyOf(expression));
	}

	private boolean endsDefault(Token token) {
		if (!token.is("null") && !token.is("not") && COLUMN_OPTION_WORDS.contains(token.value())
				&& token.type() == Token.Type.WORD) {
			return true;
		}
		Token previous = this.tokens.get(this.position - 1);
		if (token.is("not")) {
			return !previous.is("is") && (peekIs(1, "null") || peekIs(1, "deferrable"));
		}
		return token.is("null") && !previous.is("is") && !previous.is("not");
	}

	private boolean hasTopLevel(String word) {
		int depth = 0;
		for (int i = this.position; i < this.tokens.size(); i++) {
			Token token = this.tokens.get(i);
			if (token.isSymbol("(")) {
				depth++;
			}
			else if (token.isSymbol(")")) {
				depth--;
			}
			else if (depth == 0 && token.is(word)) {
				return true;
			}
		}
		return false;
	}

	private boolean atElementEnd() {
		return atEnd() || peekSymbol(",") || peekSymbol(")");
	}

	private void skipToElementEnd() {
		while (!atElementEnd()) {
			if (peekSymbol("(")) {
				skipParenthesized();
			}
			else {
				this.position++;
			}
		}
	}

	private void skipParenthesized() {
		if (!acceptSymbol("(")) {
			throw new ParseFailure("expected ( but found " + describe(peek()));
		}
		int depth = 1;
		while (depth > 0) {
			if (atEnd()) {
				throw new ParseFailure("unbalanced parentheses");
			}
			Token token = this.tokens.get(this.position++);
			if (token.isSymbol("(")) {
				depth++;
			}
			else if (token.isSymbol(")")) {
				depth--;
			}
		}
	}

	private QualifiedName qualifiedName() {
		String first = name();
		if (!acceptSymbol(".")) {
			return new QualifiedName(null, first);
		}
		String second = name();
		if (!acceptSymbol(".")) {
			return new QualifiedName(first, second);
		}
		return new QualifiedName(second, name());
	}

	private String name() {
		Token token = peek();
		if (token == null || !token.isName()) {
			throw new ParseFailure("expected a name but found " + describe(token));
		}
		this.position++;
		return token.value();
	}

	private String word() {
		Token token = peek();
		if (token == null || token.type() != Token.Type.WORD) {
			throw new ParseFailure("expected a key word but found " + describe(token));
		}
		this.position++;
		return token.value();
	}

	private String string() {
		Token token = peek();
		if (token == null || token.type() != Token.Type.STRING) {
			throw new ParseFailure("expected a string but found " + describe(token));
		}
		this.position++;
		return token.value();
	}

	/** Accepts the key words in sequence, all or none. */
	private boolean accept(String... words) {
		for (int i = 0; i < words.length; i++) {
			if (!peekIs(i, words[i])) {
				return false;
			}
		}
		this.position += words.length;
		return true;
	}

	private void expect(String word) {
		if (!accept(word)) {
			throw new ParseFailure("expected " + word.toUpperCase(java.util.Locale.ROOT) + " but found "
					+ describe(peek()));
		}
	}

	private boolean acceptSymbol(String symbol) {
		if (peekSymbol(symbol)) {
			this.position++;
			return true;
		}
		return false;
	}

	private boolean peekSymbol(String symbol) {
		Token token = peek();
		return token != null && token.isSymbol(symbol);
	}

	private boolean peekIs(String word) {
		return peekIs(0, word);
	}

	private boolean peekIs(int ahead, String word) {
		int i = this.position + ahead;
		return i < this.tokens.size() && this.tokens.get(i).is(word);
	}

	private boolean peekIsAny(Set<String> words) {
		Token token = peek();
		return token != null && token.type() == Token.Type.WORD && words.contains(token.value());
	}

	private @Nullable Token peek() {
		return (this.position < this.tokens.size()) ? this.tokens.get(this.position) : null;
	}

	private boolean atEnd() {
		return this.position >= this.tokens.size();
	}

	private String source(int start) {
		if (this.position <= start) {
			return "";
		}
		return this.statement.source(this.tokens.get(start), this.tokens.get(this.position - 1));
	}

	private String sourceToElementEnd(int start) {
		skipToElementEnd();
		return source(start);
	}

	private String text() {
		return this.statement.text();
	}

	private Other other(@Nullable String reason) {
		return new Other(kind(), reason, text());
	}

	/** The statement's leading key words, for messages: {@code create function}. */
	private String kind() {
		StringBuilder kind = new StringBuilder();
		for (int i = 0; i < Math.min(2, this.tokens.size()); i++) {
			Token token = this.tokens.get(i);
			if (token.type() != Token.Type.WORD) {
				break;
			}
			kind.append((i > 0) ? " " : "").append(token.value());
		}
		return (kind.length() > 0) ? kind.toString() : "statement";
	}

	private static String describe(@Nullable Token token) {
		return (token != null) ? "'" + token.value() + "'" : "the end of the statement";
	}

	/** The statement does not have the expected shape; it becomes an unanalysed statement. */
	private static final class ParseFailure extends RuntimeException {

		ParseFailure(String message) {
			super(message, null, false, false);
		}

	}

}
