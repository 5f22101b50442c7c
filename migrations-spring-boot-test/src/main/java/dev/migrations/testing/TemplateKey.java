package dev.migrations.testing;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.migrations.core.MigrationChecksum;
import dev.migrations.core.Migrator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.ClassUtils;

/**
 * What a template database is migrated from: the history table, and each migration's id and class with the checksum
 * of its class file. Two test contexts with the same key share a template; a changed migration body
 * changes the key, and so the template.
 */
final class TemplateKey {

	private static final Log logger = LogFactory.getLog(TemplateKey.class);

	private final String text;

	private TemplateKey(String text) {
		this.text = text;
	}

	/** The key of the migrator's migrations. */
	static TemplateKey of(Migrator migrator) {
		List<String> parts = new ArrayList<>();
		parts.add("table " + migrator.table());
		migrator.migrationTypes().forEach((id, type) -> {
			Class<?> user = ClassUtils.getUserClass(type);
			parts.add("migration " + id + " " + user.getName() + " " + checksum(user));
		});
		return new TemplateKey(String.join("\n", parts));
	}

	/** The checksum of the class file, so that an edited migration body gets a template of its own. */
	private static String checksum(Class<?> type) {
		String checksum = MigrationChecksum.of(type);
		if (checksum == null) {
			logger.warn("The class file of migration " + type.getName() + " cannot be read (generated at runtime?): "
					+ "its template database is keyed on its name and id only, so an edit of its body reuses a "
					+ "template migrated before the edit. Drop the mtpl_ databases after changing it.");
			return "unreadable";
		}
		return checksum;
	}

	/** The template database's name: a prefix and 20 hex characters of the key's SHA-256. */
	String templateName() {
		return "mtpl_" + HexFormat.of().formatHex(DatabaseServer.sha256(this.text)).substring(0, 20);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
