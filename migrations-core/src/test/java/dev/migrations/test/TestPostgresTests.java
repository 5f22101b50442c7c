package dev.migrations.test;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How the tests find their PostgreSQL when the usual one is not there. The closed port 1 stands for a machine without
 * a server: the machine's own PostgreSQL is never stopped (other builds use it).
 */
class TestPostgresTests {

	private static final String CLOSED = "jdbc:postgresql://127.0.0.1:1/postgres";

	@Test
	void anExplicitUrlThatDoesNotAnswerFailsRatherThanTestingAnotherServer() {
		assertThatIllegalStateException().isThrownBy(() -> TestPostgres.resolve(CLOSED, TestPostgres.LOCAL_URL))
			.withMessageStartingWith("MIGRATIONS_TEST_POSTGRES_URL=" + CLOSED + " cannot be connected to (")
			.withMessageContaining("set it to 'embedded'");
	}

	@Test
	void whenNothingAnswersAtTheLocalAddressOneEmbeddedServerServesTheWholeJvm() {
		TestPostgres fallback = TestPostgres.localOrEmbedded(CLOSED);
		assertThat(fallback.url()).startsWith("jdbc:postgresql://127.0.0.1:").isNotEqualTo(CLOSED);
		assertThat(TestPostgres.localOrEmbedded(CLOSED)).isSameAs(fallback);
		assertThat(TestPostgres.resolve(TestPostgres.EMBEDDED, TestPostgres.LOCAL_URL)).isSameAs(fallback);
		// A real server: fresh databases are created and dropped on it as on any other.
		String name = "mt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT);
		fallback.execute("CREATE DATABASE " + name);
		fallback.execute("DROP DATABASE " + name);
	}

}
