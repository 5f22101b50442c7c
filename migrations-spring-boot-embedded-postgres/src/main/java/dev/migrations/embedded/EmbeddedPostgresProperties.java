package dev.migrations.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the embedded PostgreSQL that stands in for {@code spring.datasource.url} during development.
 */
@ConfigurationProperties("migrations.embedded-postgres")
public class EmbeddedPostgresProperties {

	/**
	 * Whether to start an embedded PostgreSQL when spring.datasource.url is not set and there is no DataSource bean.
	 */
	private boolean enabled = true;

	/**
	 * Port of the embedded PostgreSQL on 127.0.0.1. 0 picks a free port at each start.
	 */
	private int port;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

}
