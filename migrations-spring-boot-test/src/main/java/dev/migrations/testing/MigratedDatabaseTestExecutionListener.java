package dev.migrations.testing;

import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;

/**
 * Fails a {@link MigratedDatabase} test class whose context created no copy (it has no migrator), and closes the
 * context after the class, which drops its copy: the context is the class's own and is never reused.
 */
class MigratedDatabaseTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// After dependency injection, which loads the context.
		return new DependencyInjectionTestExecutionListener().getOrder() + 50;
	}

	@Override
	public void prepareTestInstance(TestContext testContext) {
		if (!annotated(testContext)) {
			return;
		}
		MigratedDatabaseCopy copy = testContext.getApplicationContext()
			.getBean(MigratedDatabaseCopy.BEAN_NAME, MigratedDatabaseCopy.class);
		if (copy.template() == null) {
			throw new IllegalStateException("@MigratedDatabase on " + testContext.getTestClass().getName()
					+ ": the context created no Migrator bean (is migrations.enabled=false, or the migrations "
					+ "starter missing?), so no migrated copy of the template was created for " + copy.url());
		}
	}

	@Override
	public void afterTestClass(TestContext testContext) {
		if (annotated(testContext) && testContext.hasApplicationContext()) {
			testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
	}

	private static boolean annotated(TestContext testContext) {
		return TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(),
				MigratedDatabase.class) != null;
	}

}
