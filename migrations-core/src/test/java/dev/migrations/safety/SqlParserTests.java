package dev.migrations.safety;

import java.util.List;

import dev.migrations.safety.AlterAction.AddColumn;
import dev.migrations.safety.AlterAction.AddConstraint;
import dev.migrations.safety.AlterAction.AlterColumnType;
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
import dev.migrations.safety.ParsedStatement.DropIndex;
import dev.migrations.safety.ParsedStatement.Other;
import dev.migrations.safety.ParsedStatement.Update;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlParserTests {

	@Test
	void createIndexConcurrentlyWithQuotedNamesAndPartialPredicate() {
		CreateIndex index = (CreateIndex) parse(
				"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Orders_Ref\" ON ONLY app.\"Orders\" USING btree "
						+ "(\"Ref\", lower(email)) INCLUDE (id) WHERE status <> 'done'");
		assertThat(index.unique()).isTrue();
		assertThat(index.concurrently()).isTrue();
		assertThat(index.ifNotExists()).isTrue();
		assertThat(index.name()).isEqualTo("Orders_Ref");
		assertThat(index.table()).isEqualTo(new QualifiedName("app", "Orders"));
		assertThat(index.only()).isTrue();
		assertThat(index.columns()).containsExactly("Ref", "lower");
	}

	@Test
	void createIndexKnowsItsConcurrentForm() {
		CreateIndex index = (CreateIndex) parse("create index if not exists i on t (a)");
		assertThat(index.concurrentText()).isEqualTo("create index CONCURRENTLY if not exists i on t (a)");
	}

	@Test
	void dropIndex() {
		DropIndex drop = (DropIndex) parse("DROP INDEX IF EXISTS a, s.\"B\" CASCADE");
		assertThat(drop.concurrently()).isFalse();
		assertThat(drop.names()).containsExactly(new QualifiedName(null, "a"), new QualifiedName("s", "B"));
	}

	@Test
	void createTableWithColumnsAndConstraints() {
		CreateTable create = (CreateTable) parse("""
				CREATE TABLE IF NOT EXISTS orders (
				  id bigserial PRIMARY KEY,
				  "Ref" character varying(20) NOT NULL DEFAULT 'x' UNIQUE,
				  total numeric(10, 2) CHECK (total > 0),
				  at timestamp(3) with time zone DEFAULT now(),
				  user_id bigint REFERENCES users (id) ON DELETE CASCADE,
				  tags text[],
				  CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID
				)""");
		assertThat(create.table().name()).isEqualTo("orders");
		assertThat(create.columns()).extracting(ColumnSpec::name).containsExactly("id", "Ref", "total", "at", "user_id",
				"tags");
		assertThat(create.columns().get(0).type().isSerial()).isTrue();
		ColumnSpec ref = create.columns().get(1);
		assertThat(ref.type().name()).isEqualTo("varchar");
		assertThat(ref.type().modifiers()).containsExactly("20");
		assertThat(ref.notNull()).isTrue();
		assertThat(ref.unique()).isTrue();
		assertThat(ref.defaultValue().text()).isEqualTo("'x'");
		assertThat(create.columns().get(2).check().text()).isEqualTo("total > 0");
		assertThat(create.columns().get(3).type().name()).isEqualTo("timestamptz");
		assertThat(create.columns().get(4).references()).isEqualTo(new QualifiedName(null, "users"));
		assertThat(create.columns().get(5).type().array()).isTrue();
		ConstraintSpec fk = create.constraints().get(0);
		assertThat(fk.kind()).isEqualTo(ConstraintSpec.Kind.FOREIGN_KEY);
		assertThat(fk.columns()).containsExactly("user_id");
		assertThat(fk.notValid()).isTrue();
	}

	@Test
	void alterTableWithSeveralActions() {
		AlterTable alter = (AlterTable) parse("""
				ALTER TABLE IF EXISTS ONLY orders
				  ADD COLUMN IF NOT EXISTS note text DEFAULT gen_random_uuid()::text NOT NULL,
				  ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID,
				  ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_idx,
				  ALTER COLUMN total SET DATA TYPE numeric(12, 2) USING total::numeric,
				  ALTER status SET NOT NULL,
				  VALIDATE CONSTRAINT c,
				  DROP CONSTRAINT IF EXISTS d,
				  DROP COLUMN old CASCADE""");
		assertThat(alter.actions()).hasSize(8);
		AddColumn add = (AddColumn) alter.actions().get(0);
		assertThat(add.column().defaultValue().text()).isEqualTo("gen_random_uuid()::text");
		assertThat(add.column().notNull()).isTrue();
		AddConstraint check = (AddConstraint) alter.actions().get(1);
		assertThat(check.constraint().notValid()).isTrue();
		assertThat(check.constraint().check().text()).isEqualTo("total >= 0");
		assertThat(((AddConstraint) alter.actions().get(2)).constraint().usingIndex()).isEqualTo("orders_ref_idx");
		AlterColumnType type = (AlterColumnType) alter.actions().get(3);
		assertThat(type.type().modifiers()).containsExactly("12", "2");
		assertThat(type.using().text()).isEqualTo("total::numeric");
		assertThat(alter.actions().get(4)).isInstanceOf(AlterAction.SetNotNull.class);
		assertThat(alter.actions().get(7)).isInstanceOf(AlterAction.DropColumn.class);
		assertThat(alter.actions().get(7).text()).isEqualTo("DROP COLUMN old CASCADE");
	}

	@Test
	void typeAliasesAreResolved() {
		assertThat(TypeName.parse("character varying(20)").name()).isEqualTo("varchar");
		assertThat(TypeName.parse("timestamp without time zone").name()).isEqualTo("timestamp");
		assertThat(TypeName.parse("timestamp(6) with time zone").name()).isEqualTo("timestamptz");
		assertThat(TypeName.parse("double precision").name()).isEqualTo("double precision");
		assertThat(TypeName.parse("int4").name()).isEqualTo("integer");
		assertThat(TypeName.parse("pg_catalog.int8").name()).isEqualTo("bigint");
		assertThat(TypeName.parse("bit varying(5)").name()).isEqualTo("varbit");
		assertThat(TypeName.parse("numeric(10,2)[]").array()).isTrue();
	}

	@Test
	void updateWithAndWithoutWhere() {
		assertThat(((Update) parse("UPDATE t SET a = (SELECT 1 WHERE true)")).hasWhere()).isFalse();
		assertThat(((Update) parse("WITH x AS (SELECT 1) UPDATE ONLY t AS u SET a = 1 WHERE id = 1")).hasWhere())
			.isTrue();
	}

	@Test
	void unknownAndMalformedStatementsBecomeOther() {
		assertThat(parse("GRANT SELECT ON t TO r")).isInstanceOf(Other.class);
		assertThat(parse("CREATE INDEX ON")).isInstanceOf(Other.class);
		assertThat(((Other) parse("ALTER TABLE")).reason()).contains("expected a name");
		assertThat(parse("SELECT ((")).isInstanceOf(Other.class);
	}

	@Test
	void vacuumInEveryForm() {
		assertThat(parse("VACUUM ANALYZE t")).isEqualTo(new Vacuum(false, List.of(new QualifiedName(null, "t")),
				"VACUUM ANALYZE t"));
		assertThat(((Vacuum) parse("VACUUM FULL VERBOSE app.t, u (a)")).tables())
			.containsExactly(new QualifiedName("app", "t"), new QualifiedName(null, "u"));
		assertThat(((Vacuum) parse("vacuum (full, analyze) t")).full()).isTrue();
		assertThat(((Vacuum) parse("VACUUM (FULL true) t")).full()).isTrue();
		assertThat(((Vacuum) parse("VACUUM (FULL off, PARALLEL 2) t")).full()).isFalse();
		assertThat(((Vacuum) parse("VACUUM (ANALYZE) t")).full()).isFalse();
		assertThat(((Vacuum) parse("VACUUM FULL")).tables()).isEmpty();
	}

	@Test
	void lockTruncateAndCluster() {
		LockTable lock = (LockTable) parse("LOCK TABLE ONLY a, s.b * IN SHARE ROW EXCLUSIVE MODE NOWAIT");
		assertThat(lock.tables()).containsExactly(new QualifiedName(null, "a"), new QualifiedName("s", "b"));
		assertThat(lock.mode()).isEqualTo("SHARE ROW EXCLUSIVE");
		assertThat(((LockTable) parse("lock t")).mode()).isEqualTo("ACCESS EXCLUSIVE");
		Truncate truncate = (Truncate) parse("TRUNCATE TABLE a, ONLY \"B\" RESTART IDENTITY CASCADE");
		assertThat(truncate.tables()).containsExactly(new QualifiedName(null, "a"), new QualifiedName(null, "B"));
		assertThat(truncate.cascade()).isTrue();
		assertThat(((Truncate) parse("TRUNCATE a")).cascade()).isFalse();
		assertThat(parse("CLUSTER VERBOSE t USING t_idx")).isEqualTo(new Cluster(new QualifiedName(null, "t"), "t_idx",
				"CLUSTER VERBOSE t USING t_idx"));
		assertThat(parse("CLUSTER t_idx ON t")).isEqualTo(new Cluster(new QualifiedName(null, "t"), "t_idx",
				"CLUSTER t_idx ON t"));
		assertThat(parse("CLUSTER")).isEqualTo(new Cluster(null, null, "CLUSTER"));
	}

	@Test
	void setLoggedAndUnlogged() {
		AlterTable alter = (AlterTable) parse("ALTER TABLE t SET UNLOGGED, SET LOGGED, SET TABLESPACE x");
		assertThat(alter.actions()).extracting(AlterAction::getClass)
			.containsExactly(AlterAction.SetPersistence.class, AlterAction.SetPersistence.class, AlterAction.Other.class);
		assertThat(((AlterAction.SetPersistence) alter.actions().get(0)).logged()).isFalse();
	}

	@Test
	void doBlocksAndRoutines() {
		assertThat(parse("DO LANGUAGE plpgsql $x$ BEGIN NULL; END $x$"))
			.isEqualTo(new DoBlock("plpgsql", " BEGIN NULL; END ", "DO LANGUAGE plpgsql $x$ BEGIN NULL; END $x$"));
		assertThat(((DoBlock) parse("DO 'BEGIN NULL; END' LANGUAGE 'SQL'")).language()).isEqualTo("sql");
		CreateRoutine function = (CreateRoutine) parse(
				"CREATE OR REPLACE FUNCTION app.f(a int, b text DEFAULT 'x') RETURNS TABLE (x int) "
						+ "SET search_path = 'app' AS $$ SELECT 1 $$ LANGUAGE sql STABLE");
		assertThat(function.name()).isEqualTo(new QualifiedName("app", "f"));
		assertThat(function.body()).isEqualTo(" SELECT 1 ");
		assertThat(function.language()).isEqualTo("sql");
		CreateRoutine procedure = (CreateRoutine) parse(
				"CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); UPDATE t SET a = 2; END");
		assertThat(procedure.procedure()).isTrue();
		assertThat(procedure.body()).isEqualTo("INSERT INTO t VALUES (1); UPDATE t SET a = 2;");
		assertThat(((CreateRoutine) parse("CREATE FUNCTION c() RETURNS int AS 'lib', 'sym' LANGUAGE C")).body()).isNull();
		assertThat(parse("CALL app.p(1)")).isEqualTo(new Call(new QualifiedName("app", "p"), "CALL app.p(1)"));
	}

	private static ParsedStatement parse(String sql) {
		List<SqlSplitter.StatementText> statements = SqlSplitter.split(sql);
		assertThat(statements).hasSize(1);
		return SqlParser.parse(statements.get(0));
	}

}
