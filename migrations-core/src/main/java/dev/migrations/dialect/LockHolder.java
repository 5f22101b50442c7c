package dev.migrations.dialect;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * The database session that holds the schema lock, as PostgreSQL's {@code pg_stat_activity} describes it.
 *
 * @param pid the backend process id ({@code pg_terminate_backend(pid)} ends it)
 * @param applicationName the session's {@code application_name}
 * @param clientAddress the client's address, {@code null} for a Unix socket
 * @param connectedSince when the session connected
 * @param state the session's state ({@code active}, {@code idle}, ...)
 * @param query the session's current or last statement
 */
public record LockHolder(int pid, @Nullable String applicationName, @Nullable String clientAddress,
		@Nullable OffsetDateTime connectedSince, @Nullable String state, @Nullable String query) {

	/** One line for error messages and logs. */
	public String describe() {
		return "pid " + this.pid + ", application_name '" + ((this.applicationName != null) ? this.applicationName : "")
				+ "', client " + ((this.clientAddress != null) ? this.clientAddress : "local socket") + ", connected since "
				+ this.connectedSince + ", state " + this.state;
	}

}
