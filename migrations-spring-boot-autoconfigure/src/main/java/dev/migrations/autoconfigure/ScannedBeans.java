package dev.migrations.autoconfigure;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The beans of a type by name. A class found by {@link MigrationBeansRegistrar scanning} that is also declared
 * another way (a {@code @Bean} method) is taken once, from the declaration.
 */
final class ScannedBeans {

	private ScannedBeans() {
	}

	static <T> Map<String, T> byName(ConfigurableListableBeanFactory beanFactory, Class<T> type) {
		String[] names = beanFactory.getBeanNamesForType(type);
		Set<Class<?>> declared = new HashSet<>();
		for (String name : names) {
			Class<?> beanType = beanFactory.getType(name);
			if (beanType != null && !isScanned(beanFactory, name)) {
				declared.add(beanType);
			}
		}
		Map<String, T> beans = new LinkedHashMap<>();
		for (String name : names) {
			if (isScanned(beanFactory, name) && declared.contains(beanFactory.getType(name))) {
				continue;
			}
			beans.put(name, beanFactory.getBean(name, type));
		}
		return beans;
	}

	private static boolean isScanned(ConfigurableListableBeanFactory beanFactory, String name) {
		return beanFactory.containsBeanDefinition(name)
				&& beanFactory.getBeanDefinition(name).getAttribute(MigrationBeansRegistrar.SCANNED_ATTRIBUTE) != null;
	}

}
