package dev.migrations.autoconfigure;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import dev.migrations.index.ClassFileListing;
import dev.migrations.index.MigrationIndex;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;

/**
 * The build-time {@link MigrationIndex} and the listings of the scanned packages' class files, read on a thread of
 * its own from the moment the environment says which packages are scanned
 * ({@link MigrationIndexPrefetchEnvironmentPostProcessor}) to the moment {@link MigrationBeansRegistrar} needs them.
 * Reading them costs time in proportion to the number of classes (one line of the index and one {@code stat} per
 * class file, run before the JIT has compiled anything), which the main thread would otherwise spend during every
 * restart. Nothing is decided here: the registrar verifies the index against the listings as it always does, and
 * reads whatever this could not (another package, a failure, which it then reports itself).
 */
final class MigrationIndexPrefetch {

	/** The singleton it is handed to the context's bean factory as, until the registrar takes it. */
	static final String BEAN_NAME = "dev.migrations.autoconfigure.migrationIndexPrefetch";

	private static final Log logger = LogFactory.getLog(MigrationIndexPrefetch.class);

	private final ClassLoader classLoader;

	private @Nullable FutureTask<Prefetched> result;

	private MigrationIndexPrefetch(ClassLoader classLoader, FutureTask<Prefetched> result) {
		this.classLoader = classLoader;
		this.result = result;
	}

	/**
	 * What was read.
	 *
	 * @param index every index on the class path, merged; {@code null} when there is none
	 * @param listings the class files of each package that could be listed
	 * @param verifications the index verified against each listing, without reading any class file (a class file it
	 * does not list makes it not match, and the scanner verifies it again, reading that file)
	 */
	record Prefetched(@Nullable MigrationIndex index, Map<String, ClassFileListing> listings,
			Map<String, MigrationIndex.Verification> verifications) {

		Prefetched(@Nullable MigrationIndex index, Map<String, ClassFileListing> listings) {
			this(index, listings, Map.of());
		}

	}

	/** Starts reading the index and listing the packages on a daemon thread. */
	static MigrationIndexPrefetch start(ClassLoader classLoader, List<String> packages) {
		// A plain task and thread rather than a CompletableFuture: this runs on the main thread of every start, and
		// initializing the common pool there costs more than the thread.
		FutureTask<Prefetched> result = new FutureTask<>(new Read(classLoader, packages));
		Thread thread = new Thread(result, "migrations-index-prefetch");
		thread.setDaemon(true);
		thread.start();
		return new MigrationIndexPrefetch(classLoader, result);
	}

	private record Read(ClassLoader classLoader, List<String> packages) implements Callable<Prefetched> {

		@Override
		public Prefetched call() {
			return read(this.classLoader, this.packages);
		}

	}

	private static Prefetched read(ClassLoader classLoader, List<String> packages) {
		MigrationIndex index = MigrationIndex.load(classLoader);
		Map<String, ClassFileListing> listings = new HashMap<>();
		Map<String, MigrationIndex.Verification> verifications = new HashMap<>();
		if (index != null) {
			for (String basePackage : packages) {
				try {
					ClassFileListing listing = ClassFileListing.of(classLoader, basePackage);
					listings.put(basePackage, listing);
					verifications.put(basePackage, index.verify(basePackage, listing));
				}
				catch (IOException ex) {
					// The registrar lists it again and says what fails.
				}
			}
		}
		return new Prefetched(index, listings, verifications);
	}

	/**
	 * Takes the prefetch out of the bean factory, where the environment post-processor handed it, waiting for it to
	 * finish: what it read, or {@code null} when there is none, it was read for another class loader or it failed
	 * (the caller then reads everything itself). The bean factory keeps nothing of it afterwards.
	 */
	static @Nullable Prefetched take(BeanFactory beanFactory, ClassLoader classLoader) {
		if (!(beanFactory instanceof DefaultSingletonBeanRegistry registry) || !registry.containsSingleton(BEAN_NAME)) {
			return null;
		}
		Object singleton = registry.getSingleton(BEAN_NAME);
		registry.destroySingleton(BEAN_NAME);
		return (singleton instanceof MigrationIndexPrefetch prefetch) ? prefetch.take(classLoader) : null;
	}

	private synchronized @Nullable Prefetched take(ClassLoader classLoader) {
		FutureTask<Prefetched> result = this.result;
		this.result = null;
		if (result == null || classLoader != this.classLoader) {
			return null;
		}
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException ex) {
			logger.debug("Reading the migrations index ahead of the registrar failed; reading it again", ex.getCause());
			return null;
		}
	}

}
