package dev.migrations.autoconfigure;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.CodeBlock;

/**
 * Keeps the {@link MigrationBeansRegistrar#SCANNED_ATTRIBUTE mark} of a scanned migration or seeder bean definition
 * in the code that Spring AOT generates (AOT drops attributes by default), so that a {@code @Bean} of the same class
 * still wins over the scanned definition in an AOT-built application, as {@link ScannedBeans} does on the JVM.
 */
class ScannedBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		if (registeredBean.getMergedBeanDefinition().getAttribute(MigrationBeansRegistrar.SCANNED_ATTRIBUTE) == null) {
			return null;
		}
		return BeanRegistrationAotContribution.withCustomCodeFragments(KeepScannedAttribute::new);
	}

	private static final class KeepScannedAttribute extends BeanRegistrationCodeFragmentsDecorator {

		KeepScannedAttribute(BeanRegistrationCodeFragments delegate) {
			super(delegate);
		}

		@Override
		public CodeBlock generateSetBeanDefinitionPropertiesCode(GenerationContext generationContext,
				BeanRegistrationCode beanRegistrationCode, RootBeanDefinition beanDefinition,
				Predicate<String> attributeFilter) {
			return super.generateSetBeanDefinitionPropertiesCode(generationContext, beanRegistrationCode,
					beanDefinition, attributeFilter.or(MigrationBeansRegistrar.SCANNED_ATTRIBUTE::equals));
		}

	}

}
