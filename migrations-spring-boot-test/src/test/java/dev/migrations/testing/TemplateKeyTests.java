package dev.migrations.testing;

import java.util.List;

import dev.migrations.core.MigrationChecksum;
import dev.migrations.core.Migrator;
import dev.migrations.testing.sample.AddAccountsName;
import dev.migrations.testing.sample.CreateAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What names a template: the history table, and each migration's id and class with its checksum.
 */
class TemplateKeyTests {

	private TemplateKey key(String table) {
		Migrator migrator = Migrator.builder(new SimpleDriverDataSource())
			.table(table)
			.migrations(List.of(new CreateAccounts(), new AddAccountsName()))
			.build();
		return TemplateKey.of(migrator);
	}

	@Test
	void namesTheTableAndEachMigrationsIdAndClassWithItsChecksum() {
		TemplateKey key = key("schema_migrations");
		assertThat(key.toString()).isEqualTo(String.join("\n", "table schema_migrations",
				"migration 20260801090000_create_accounts " + CreateAccounts.class.getName() + " "
						+ MigrationChecksum.of(CreateAccounts.class),
				"migration 20260801090100_add_accounts_name " + AddAccountsName.class.getName() + " "
						+ MigrationChecksum.of(AddAccountsName.class)));
		assertThat(key.templateName()).matches("mtpl_[0-9a-f]{20}");
		assertThat(key("other_history").templateName()).isNotEqualTo(key.templateName());
	}

}
