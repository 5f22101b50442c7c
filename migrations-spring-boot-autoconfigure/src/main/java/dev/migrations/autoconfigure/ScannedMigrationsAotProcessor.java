package dev.migrations.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.InstanceSupplier;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.javapoet.ClassName;
import org.springframework.javapoet.CodeBlock;
import org.springframework.util.DigestUtils;

/**
 * Writes the {@link ScannedMigrations scanned migrations} found at build time into a generated resource, and makes
 * the generated bean definition read it: the candidates are data, not code, so a project with ten thousand
 * migrations gets no generated method near the JVM's 64 KiB limit and no strings to resolve at startup. The
 * resource is named after its content, so that several contexts processed in one build do not overwrite each
 * other's.
 */
class ScannedMigrationsAotProcessor implements BeanRegistrationAotProcessor {

	/** The folder of the generated resources, relative to a class path root. */
	static final String LOCATION = "META-INF/migrations/aot/";

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		if (registeredBean.getBeanClass() != ScannedMigrations.class) {
			return null;
		}
		List<ScannedMigrations.Candidate> candidates = ScannedMigrations
			.candidates(registeredBean.getMergedBeanDefinition());
		return BeanRegistrationAotContribution
			.withCustomCodeFragments((fragments) -> new FromResource(fragments, ScannedMigrations.render(candidates)));
	}

	private static final class FromResource extends BeanRegistrationCodeFragmentsDecorator {

		private final String text;

		FromResource(BeanRegistrationCodeFragments delegate, String text) {
			super(delegate);
			this.text = text;
		}

		@Override
		public ClassName getTarget(RegisteredBean registeredBean) {
			// The generated code goes beside ScannedMigrations, whose factory method is package-private.
			return ClassName.get(ScannedMigrations.class);
		}

		@Override
		public CodeBlock generateInstanceSupplierCode(GenerationContext generationContext,
				BeanRegistrationCode beanRegistrationCode, boolean allowDirectSupplierShortcut) {
			byte[] content = this.text.getBytes(StandardCharsets.UTF_8);
			// Named after its content: 16 hex digits of its MD5 tell the resources of several contexts apart.
			String location = LOCATION + "scanned-migrations-" + DigestUtils.md5DigestAsHex(content).substring(0, 16);
			generationContext.getGeneratedFiles()
				.handleFile(GeneratedFiles.Kind.RESOURCE, location, (file) -> {
					if (!file.exists()) {
						file.create(new ByteArrayResource(content));
					}
				});
			generationContext.getRuntimeHints().resources().registerPattern(location);
			// Read with the bean class loader, which sees the application's resources (the generated ones included).
			return CodeBlock.of("$T.of((registeredBean) -> $T.fromResource("
					+ "registeredBean.getBeanFactory().getBeanClassLoader(), $S))", InstanceSupplier.class,
					ScannedMigrations.class, location);
		}
	}

}
