package dev.migrations.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.index.ClassFileListing;
import dev.migrations.index.IndexEntry;
import dev.migrations.index.MigrationIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The index and listings read ahead of the registrar: started from the environment, handed to the context's bean
 * factory, taken once, and what the scanner then verifies.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationIndexPrefetchTests {

	private static final String SCANNED = "dev.migrations.autoconfigure.fixtures.scanned";

	private final ClassLoader classLoader = getClass().getClassLoader();

	private final MockEnvironment environment = new MockEnvironment();

	@BeforeEach
	void moreThanOneProcessor() {
		assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "the prefetch starts only with another processor");
	}

	@Test
	void startedFromTheEnvironmentWithTheScanPackagesAndTakenOnceFromTheBeanFactory() {
		this.environment.setProperty("migrations.scan-packages", SCANNED);
		GenericApplicationContext context = prepared();
		assertThat(context.getBeanFactory().containsSingleton(MigrationIndexPrefetch.BEAN_NAME)).isTrue();
		MigrationIndexPrefetch.Prefetched prefetched = MigrationIndexPrefetch.take(context.getBeanFactory(),
				this.classLoader);
		assertThat(prefetched).isNotNull();
		assertThat(prefetched.index()).isNotNull();
		assertThat(prefetched.listings()).containsOnlyKeys(SCANNED);
		assertThat(prefetched.listings().get(SCANNED).files()).containsKey(SCANNED + ".CreateWidgets");
		assertThat(prefetched.verifications().get(SCANNED).matches()).isTrue();
		assertThat(prefetched.verifications().get(SCANNED).entries()).extracting(IndexEntry::className)
			.contains(SCANNED + ".CreateWidgets")
			.isSorted();
		// Taken once: the bean factory keeps nothing of it.
		assertThat(context.getBeanFactory().containsSingleton(MigrationIndexPrefetch.BEAN_NAME)).isFalse();
		assertThat(MigrationIndexPrefetch.take(context.getBeanFactory(), this.classLoader)).isNull();
	}

	@Test
	void withoutScanPackagesTheMainApplicationClassPackageIsRead() {
		SpringApplication application = new SpringApplication(getClass());
		application.setMainApplicationClass(getClass());
		GenericApplicationContext context = prepared(application);
		MigrationIndexPrefetch.Prefetched prefetched = MigrationIndexPrefetch.take(context.getBeanFactory(),
				this.classLoader);
		assertThat(prefetched).isNotNull();
		assertThat(prefetched.listings()).containsOnlyKeys(getClass().getPackageName());
	}

	@Test
	void notStartedWhenMigrationsAreOff() {
		this.environment.setProperty("migrations.scan-packages", SCANNED);
		this.environment.setProperty("migrations.enabled", "false");
		assertThat(prepared().getBeanFactory().containsSingleton(MigrationIndexPrefetch.BEAN_NAME)).isFalse();
	}

	@Test
	void readForAnotherClassLoaderIsNotUsed() throws Exception {
		this.environment.setProperty("migrations.scan-packages", SCANNED);
		GenericApplicationContext context = prepared();
		try (URLClassLoader other = new URLClassLoader(new URL[0], this.classLoader)) {
			assertThat(MigrationIndexPrefetch.take(context.getBeanFactory(), other)).isNull();
		}
		assertThat(context.getBeanFactory().containsSingleton(MigrationIndexPrefetch.BEAN_NAME)).isFalse();
	}

	@Test
	void scannerVerifiesTheIndexAgainstThePrefetchedListing(CapturedOutput output) throws Exception {
		MigrationIndex index = MigrationIndex.load(this.classLoader);
		ClassFileListing listing = ClassFileListing.of(this.classLoader, SCANNED);
		MigrationClassScanner scanner = new MigrationClassScanner(this.environment, new DefaultResourceLoader(),
				new MigrationIndexPrefetch.Prefetched(index, Map.of(SCANNED, listing)));
		assertThat(scanner.find(SCANNED)).extracting(MigrationClassScanner.Found::className)
			.contains(SCANNED + ".CreateWidgets");
		assertThat(output).doesNotContain("migrations index");
		// A listing without one of the indexed class files: the index does not match it, and the package is scanned.
		Map<String, ClassFileListing.ClassFile> files = new HashMap<>(listing.files());
		files.remove(SCANNED + ".CreateWidgets");
		MigrationClassScanner stale = new MigrationClassScanner(this.environment, new DefaultResourceLoader(),
				new MigrationIndexPrefetch.Prefetched(index, Map.of(SCANNED, new ClassFileListing(files))));
		assertThat(stale.find(SCANNED)).extracting(MigrationClassScanner.Found::className)
			.contains(SCANNED + ".CreateWidgets");
		assertThat(output).contains("does not match the class files of package '" + SCANNED + "': " + SCANNED
				+ ".CreateWidgets is indexed but has no class file");
	}

	private GenericApplicationContext prepared() {
		return prepared(new SpringApplication());
	}

	/** Runs the post-processor, then closes the bootstrap context as SpringApplication does once the context exists. */
	private GenericApplicationContext prepared(SpringApplication application) {
		DefaultBootstrapContext bootstrapContext = new DefaultBootstrapContext();
		new MigrationIndexPrefetchEnvironmentPostProcessor(bootstrapContext).postProcessEnvironment(this.environment,
				application);
		GenericApplicationContext context = new GenericApplicationContext();
		bootstrapContext.close(context);
		return context;
	}

	@Test
	void listingsAreKeyedByTheScannedPackages() {
		this.environment.setProperty("migrations.scan-packages", SCANNED + ", " + SCANNED + ".none");
		MigrationIndexPrefetch.Prefetched prefetched = MigrationIndexPrefetch.take(prepared().getBeanFactory(),
				this.classLoader);
		assertThat(prefetched).isNotNull();
		assertThat(prefetched.listings().keySet()).containsExactlyInAnyOrderElementsOf(List.of(SCANNED,
				SCANNED + ".none"));
	}

}
