package dev.migrations.index;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link MigrationIndex}'s text: what the processor writes is what startup reads back, and a damaged line is named.
 */
class MigrationIndexTests {

	@Test
	void renderedEntriesAreParsedBackWithCommentsBlankLinesAndCarriageReturnsSkipped() {
		IndexEntry migration = new IndexEntry("app.db.M1", IndexEntry.Kind.MIGRATION, 812, 0xcafe, "20260101000000_a",
				"9f86d081884c7d65");
		IndexEntry read = new IndexEntry("app.db.Seeds", IndexEntry.Kind.READ, 90, -1, null, null);
		IndexEntry other = new IndexEntry("app.db.Util", IndexEntry.Kind.OTHER, 77, 1, null, null);
		String text = MigrationIndex.render(List.of(migration, read, other));
		assertThat(MigrationIndex.parse(text)).containsExactly(migration, read, other);
		String windows = "\r\n" + text.replace("\n", "\r\n") + "\n   \n";
		assertThat(MigrationIndex.parse(windows)).containsExactly(migration, read, other);
	}

	@Test
	void aLineWithoutSixFieldsOrWithABadNumberIsRefusedWithTheLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationIndex.parse("app.M1\tM\t812\t-1\t20260101000000_a\n"))
			.withMessageContaining("'app.M1\tM\t812\t-1\t20260101000000_a'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationIndex.parse("app.M1\tM\t812\t-1\t20260101000000_a\t-\textra"))
			.withMessageContaining("Malformed index line");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationIndex.parse("app.M1\tM\tbig\t-1\t-\t-"))
			.withMessageContaining("'app.M1\tM\tbig\t-1\t-\t-'");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationIndex.parse("app.M1\tX\t1\t-1\t-\t-"))
			.withMessageContaining("Unknown kind 'X'");
	}

}
