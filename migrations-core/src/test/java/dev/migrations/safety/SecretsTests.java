package dev.migrations.safety;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets never survive in recorded or printed SQL, whatever the quoting. */
class SecretsTests {

	@Test
	void rolePasswordsInEveryForm() {
		assertThat(Secrets.redact("CREATE ROLE app LOGIN PASSWORD 'hunter2'"))
			.isEqualTo("CREATE ROLE app LOGIN PASSWORD '***'");
		assertThat(Secrets.redact("alter user app with encrypted password 'hunter2' valid until 'infinity'"))
			.isEqualTo("alter user app with encrypted password '***' valid until 'infinity'");
		assertThat(Secrets.redact("CREATE USER app PASSWORD $$hunter2$$")).isEqualTo("CREATE USER app PASSWORD '***'");
		assertThat(Secrets.redact("CREATE USER app PASSWORD $pw$hun'ter$$2$pw$ LOGIN"))
			.isEqualTo("CREATE USER app PASSWORD '***' LOGIN");
		assertThat(Secrets.redact("CREATE USER app PASSWORD E'hun\\'ter2'")).isEqualTo("CREATE USER app PASSWORD '***'");
		assertThat(Secrets.redact("CREATE USER app PASSWORD U&'\\0068unter2'")).isEqualTo("CREATE USER app PASSWORD '***'");
		assertThat(Secrets.redact("CREATE ROLE \"Pass word\" PassWord /* the secret: */ 'it''s -- not; a comment'"))
			.isEqualTo("CREATE ROLE \"Pass word\" PassWord /* the secret: */ '***'");
		assertThat(Secrets.redact("CREATE ROLE app PASSWORD NULL")).isEqualTo("CREATE ROLE app PASSWORD NULL");
	}

	@Test
	void continuedStringsAreRedactedWhole() {
		assertThat(Secrets.redact("CREATE ROLE a PASSWORD 'hun'\n'ter2'; SELECT 1")).isEqualTo(
				"CREATE ROLE a PASSWORD '***'; SELECT 1");
	}

	@Test
	void userMappingAndServerOptions() {
		assertThat(Secrets.redact("CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password 'hunter2')"))
			.isEqualTo("CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password '***')");
		assertThat(Secrets.redact("ALTER USER MAPPING FOR app SERVER remote OPTIONS (SET \"password\" 'hunter2')"))
			.isEqualTo("ALTER USER MAPPING FOR app SERVER remote OPTIONS (SET \"password\" '***')");
		assertThat(Secrets.redact("ALTER SERVER remote OPTIONS (ADD password_required 'false', ADD sslpassword 'k3y')"))
			.isEqualTo("ALTER SERVER remote OPTIONS (ADD password_required '***', ADD sslpassword '***')");
	}

	@Test
	void connectionStrings() {
		assertThat(Secrets.redact(
				"CREATE SUBSCRIPTION s CONNECTION 'host=db port=5432 password=hunter2 dbname=app' PUBLICATION p"))
			.isEqualTo("CREATE SUBSCRIPTION s CONNECTION 'host=db port=5432 password=*** dbname=app' PUBLICATION p");
		assertThat(Secrets.redact("SELECT dblink_connect('c', 'dbname=app password = ''it\\''s secret'' user=x')"))
			.isEqualTo("SELECT dblink_connect('c', 'dbname=app password = ''***'' user=x')");
		assertThat(Secrets.redact("SELECT * FROM dblink('host=h PASSWORD=hunter2', 'SELECT 1') AS t(a int)"))
			.isEqualTo("SELECT * FROM dblink('host=h PASSWORD=***', 'SELECT 1') AS t(a int)");
		assertThat(Secrets.redact("SELECT dblink_connect('postgresql://app:hunter2@db:5432/app')"))
			.isEqualTo("SELECT dblink_connect('postgresql://app:***@db:5432/app')");
		assertThat(Secrets.redact("SELECT dblink_connect(E'host=h\\npassword=hunter2')"))
			.doesNotContain("hunter2").contains("password=***");
	}

	@Test
	void sqlInsideBodiesAndExecutedStrings() {
		assertThat(Secrets.redact("DO $$ BEGIN CREATE ROLE app PASSWORD 'hunter2'; END $$"))
			.isEqualTo("DO $$ BEGIN CREATE ROLE app PASSWORD '***'; END $$");
		assertThat(Secrets.redact("DO $x$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''hunter2'''; END $x$"))
			.isEqualTo("DO $x$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''***'''; END $x$");
		assertThat(Secrets.redact("SELECT dblink_exec('c', 'CREATE ROLE x PASSWORD ''hunter2''')"))
			.isEqualTo("SELECT dblink_exec('c', 'CREATE ROLE x PASSWORD ''***''')");
		// A fragment of SQL the lexer cannot read: everything after the secret's name goes
		assertThat(Secrets.redact("DO $$ BEGIN EXECUTE 'ALTER ROLE a PASSWORD ''hunter2' || ''''; END $$"))
			.doesNotContain("hunter2");
	}

	@Test
	void keyValueListsAndAssignments() {
		assertThat(Secrets.redact("UPDATE accounts SET password = 'hunter2' WHERE id = 1"))
			.isEqualTo("UPDATE accounts SET password = '***' WHERE id = 1");
		assertThat(Secrets.redact("SELECT set_config('app.secret', 'hunter2', false)"))
			.isEqualTo("SELECT set_config('app.secret', '***', false)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE ROLE a PASSWORD 'hunter2", "CREATE ROLE a PASSWORD $$hunter2",
			"CREATE ROLE a PASSWORD $q$hunter2$$ /* unterminated", "SELECT 1; CREATE ROLE a PASSWORD E'hunter2\\'",
			"CREATE ROLE a PASSWORD U&'\\zzzzhunter2'" })
	void unreadableTextHasAllItsStringsRedactedAndNeverThrows(String sql) {
		assertThat(Secrets.redact(sql)).doesNotContain("hunter2").contains("***");
	}

	@Test
	void textWithoutSecretsIsUnchanged() {
		String sql = "-- a comment\nINSERT INTO t (name, note) VALUES ('it''s', $$a;b$$); /* x */ SELECT ?";
		assertThat(Secrets.redact(sql)).isEqualTo(sql);
		assertThat(Secrets.redact("")).isEmpty();
		assertThat(Secrets.redactNullable(null)).isNull();
	}

}
