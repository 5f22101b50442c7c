package dev.migrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Configuration properties for a fleet of tenants ({@code migrations.tenants.*}): the tenants for the simple cases
 * (a {@code TenantSource} bean replaces them), how many run at once, and what happens to them at startup.
 */
public class TenantsProperties {

	/**
	 * Schemas on the application's database that are tenants, each named as its schema.
	 */
	private List<String> schemas = new ArrayList<>();

	/**
	 * SQL query on the migrations DataSource whose first column lists the tenant schemas, e.g. 'SELECT schema_name
	 * FROM tenants WHERE active'. Run at every fleet run, so new tenants are picked up.
	 */
	private @Nullable String query;

	/**
	 * Tenants with a database of their own, by tenant name: their JDBC URLs. Each gets a pool of one connection that
	 * is closed when its run ends.
	 */
	private Map<String, String> urls = new LinkedHashMap<>();

	/**
	 * Login user of the tenant databases in 'urls'. Defaults to migrations.user.
	 */
	private @Nullable String user;

	/**
	 * Login password of the tenant databases in 'urls'. Defaults to migrations.password.
	 */
	private @Nullable String password;

	/**
	 * How many tenants are migrated at once, each on one connection. Defaults to half the maximum size of the
	 * migrations DataSource's pool (at least 1), or 4 when it has no pool size to read.
	 */
	private @Nullable Integer parallelism;

	/**
	 * Time budget of one tenant's command: no statement runs longer and no migration starts after it ran out; the
	 * tenant then fails and the others go on. No budget by default.
	 */
	private @Nullable Duration timeout;

	/**
	 * Which migrations run at startup ('migrations.on-startup'): 'all' (the default schema and every tenant) or
	 * 'default' (the default schema only; the tenants are left to a job running migrations.command=migrate).
	 */
	private OnStartup onStartup = OnStartup.ALL;

	/**
	 * Tenants a command runs on: names or patterns ('*' any characters, '?' one), comma-separated. All by default.
	 * Also given as --migrations.tenants=a,b on the command line.
	 */
	private List<String> select = new ArrayList<>();

	public List<String> getSchemas() {
		return this.schemas;
	}

	public void setSchemas(List<String> schemas) {
		this.schemas = schemas;
	}

	public @Nullable String getQuery() {
		return this.query;
	}

	public void setQuery(@Nullable String query) {
		this.query = query;
	}

	public Map<String, String> getUrls() {
		return this.urls;
	}

	public void setUrls(Map<String, String> urls) {
		this.urls = urls;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable Integer getParallelism() {
		return this.parallelism;
	}

	public void setParallelism(@Nullable Integer parallelism) {
		this.parallelism = parallelism;
	}

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	public OnStartup getOnStartup() {
		return this.onStartup;
	}

	public void setOnStartup(OnStartup onStartup) {
		this.onStartup = onStartup;
	}

	public List<String> getSelect() {
		return this.select;
	}

	public void setSelect(List<String> select) {
		this.select = select;
	}

	/** Whether the properties name any tenant. */
	boolean isConfigured() {
		return !this.schemas.isEmpty() || (this.query != null && !this.query.isBlank()) || !this.urls.isEmpty();
	}

	/**
	 * What runs at startup when the application has tenants.
	 */
	public enum OnStartup {

		/** The startup action runs on the default schema, then on every tenant. */
		ALL,

		/** The startup action runs on the default schema only; a job migrates the tenants. */
		DEFAULT

	}

}
