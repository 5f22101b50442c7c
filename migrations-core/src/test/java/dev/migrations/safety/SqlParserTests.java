package dev.migrations.safety;

import java.util.List;

import dev.migrations.safety.AlterAction.AddColumn;
import dev.migrations.safety.AlterAction.AddConstraint;
import dev.migrations.safety.AlterAction.AlterColumnType;
import dev.migrations.safety.ParsedStatement.AlterTable;
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
		assertThat(parse("VACUUM ANALYZE t")).isInstanceOf(Other.class);
		assertThat(parse("CREATE INDEX ON")).isInstanceOf(Other.class);
		assertThat(((Other) parse("ALTER TABLE")).reason()).contains("expected a name");
		assertThat(parse("SELECT ((")).isInstanceOf(Other.class);
	}

	private static ParsedStatement parse(String sql) {
		List<SqlSplitter.StatementText> statements = SqlSplitter.split(sql);
		assertThat(statements).hasSize(1);
		return SqlParser.parse(statements.get(0));
	}

}
