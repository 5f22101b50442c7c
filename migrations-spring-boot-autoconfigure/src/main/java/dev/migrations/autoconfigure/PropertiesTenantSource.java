package dev.migrations.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.migrations.core.Tenant;
import dev.migrations.core.TenantSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tenants that {@code migrations.tenants.schemas}, {@code .query} and {@code .urls} name, read again at every
 * fleet run (the query picks up new tenants).
 */
final class PropertiesTenantSource implements TenantSource {

	private final TenantsProperties properties;

	private final DataSource dataSource;

	private final @Nullable String user;

	private final @Nullable String password;

	PropertiesTenantSource(TenantsProperties properties, DataSource dataSource, @Nullable String user,
			@Nullable String password) {
		this.properties = properties;
		this.dataSource = dataSource;
		this.user = (properties.getUser() != null) ? properties.getUser() : user;
		this.password = (properties.getUser() != null) ? properties.getPassword() : password;
	}

	@Override
	public List<Tenant> tenants() {
		List<Tenant> tenants = new ArrayList<>();
		this.properties.getSchemas().forEach((schema) -> tenants.add(Tenant.schema(schema.trim())));
		String query = this.properties.getQuery();
		if (query != null && !query.isBlank()) {
			for (String schema : queryTenants(query)) {
				tenants.add(Tenant.schema(schema));
			}
		}
		this.properties.getUrls().forEach((name, url) -> tenants.add(Tenant.database(name, () -> pool(name, url))));
		return tenants;
	}

	private List<String> queryTenants(String query) {
		try {
			return new JdbcTemplate(this.dataSource).queryForList(query, String.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("migrations.tenants.query failed: " + ex.getMessage(), ex);
		}
	}

	/** A pool of one connection on the tenant's database, closed by the fleet when the tenant's run ends. */
	private DataSource pool(String name, String url) {
		DataSource pool = DataSourceBuilder.create().url(url).username(this.user).password(this.password).build();
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(pool);
		setIfWritable(wrapper, "maximumPoolSize", 1);
		setIfWritable(wrapper, "minimumIdle", 0);
		setIfWritable(wrapper, "poolName", "migrations-tenant-" + name);
		return pool;
	}

	private static void setIfWritable(BeanWrapper wrapper, String property, Object value) {
		if (wrapper.isWritableProperty(property)) {
			wrapper.setPropertyValue(property, value);
		}
	}

	/**
	 * How many tenants run at once by default: half the maximum size of the DataSource's pool, at least 1, so that
	 * the fleet leaves connections to the application; 4 when the DataSource has no pool size to read.
	 */
	static int defaultParallelism(DataSource dataSource) {
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
		if (wrapper.isReadableProperty("maximumPoolSize")
				&& wrapper.getPropertyValue("maximumPoolSize") instanceof Integer size && size > 0) {
			return Math.max(1, size / 2);
		}
		return 4;
	}

}
