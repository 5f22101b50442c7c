package dev.migrations.testing;

import dev.migrations.core.MigrationChecksum;
import dev.migrations.core.Migrator;
import dev.migrations.testing.sample.CreateAccounts;
import dev.migrations.testing.sample.SampleApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy of a {@code @SpringBootTest} comes from the template named by the context's own migrations: their scanned
 * classes with their checksums.
 */
@SpringBootTest(classes = SampleApplication.class)
@MigratedDatabase
class TemplateOfTheContextTests {

	@Autowired
	Migrator migrator;

	@Autowired
	ConfigurableListableBeanFactory beanFactory;

	@Test
	void theCopysTemplateIsNamedByTheScannedMigrationClassesAndTheirChecksums() {
		TemplateKey key = TemplateKey.of(this.migrator);
		assertThat(key.toString())
			.contains("migration 20260801090000_create_accounts " + CreateAccounts.class.getName() + " "
					+ MigrationChecksum.of(CreateAccounts.class));
		MigratedDatabaseCopy copy = this.beanFactory.getBean(MigratedDatabaseCopy.BEAN_NAME,
				MigratedDatabaseCopy.class);
		assertThat(copy.template()).isEqualTo(key.templateName());
	}

}
