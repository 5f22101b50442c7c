package dev.migrations.index;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationIndex.parse("app.M1\tMP\t1\t-1\t-\t-"))
			.withMessageContaining("Unknown kind 'MP'");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationIndex.parse("app.M1\tM\t1\tcrc\t-\t-"))
			.withMessageContaining("Malformed index line");
	}

	@Test
	void fieldsAreReadInPlaceWhateverTheCaseOfTheCrc() {
		assertThat(MigrationIndex.parse("app.M1\tP\t812\tCAFE\t20260101000000_a\t9f86\napp.M2\t-\t7\t-1\t-\t-\n"))
			.containsExactly(new IndexEntry("app.M1", IndexEntry.Kind.PLAIN, 812, 0xcafe, "20260101000000_a", "9f86"),
					new IndexEntry("app.M2", IndexEntry.Kind.OTHER, 7, -1, null, null));
	}

	@Test
	void everyIndexOnTheClassPathIsReadWhole(@TempDir Path first, @TempDir Path second) throws Exception {
		IndexEntry one = new IndexEntry("app.db.M1", IndexEntry.Kind.MIGRATION, 812, -1, "20260101000000_a", "9f86");
		IndexEntry two = new IndexEntry("app.db.M2", IndexEntry.Kind.MIGRATION, 813, -1, "20260101000001_b", "a1b2");
		write(first, MigrationIndex.render(List.of(one)));
		// A big index, read in one piece of its length.
		List<IndexEntry> many = new ArrayList<>(List.of(two));
		for (int i = 0; i < 5000; i++) {
			many.add(new IndexEntry("app.other.C" + i, IndexEntry.Kind.OTHER, i, -1, null, null));
		}
		write(second, MigrationIndex.render(many));
		try (URLClassLoader loader = new URLClassLoader(
				new URL[] { first.toUri().toURL(), second.toUri().toURL() }, null)) {
			MigrationIndex index = MigrationIndex.load(loader);
			assertThat(index).isNotNull();
			Map<String, ClassFileListing.ClassFile> files = Map.of("app.db.M1", new ClassFileListing.ClassFile(812, -1),
					"app.db.M2", new ClassFileListing.ClassFile(813, -1));
			assertThat(index.verify("app.db", new ClassFileListing(files)).entries()).containsExactlyInAnyOrder(one,
					two);
			assertThat(index.verify("app.other", new ClassFileListing(Map.of())).differences()).hasSize(5000);
		}
	}

	private static void write(Path root, String text) throws Exception {
		Path file = root.resolve(MigrationIndex.LOCATION);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

}
