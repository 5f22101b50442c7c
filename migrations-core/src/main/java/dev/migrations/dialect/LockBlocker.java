package dev.migrations.dialect;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A session that holds locks on tables in a transaction that began before a migration statement gave up waiting for
 * its lock, as PostgreSQL's {@code pg_locks} and {@code pg_stat_activity} describe it.
 *
 * @param pid the backend process id ({@code pg_terminate_backend(pid)} ends it)
 * @param applicationName the session's {@code application_name}
 * @param query an excerpt of the session's current or last statement
 * @param since when its transaction began
 * @param tables the tables it holds locks on
 */
public record LockBlocker(int pid, @Nullable String applicationName, @Nullable String query,
		@Nullable OffsetDateTime since, @Nullable String tables) {

	/** One line for error messages and logs. */
	public String describe() {
		return "pid " + this.pid + " (application_name '" + ((this.applicationName != null) ? this.applicationName : "")
				+ "', in a transaction since " + this.since + ", holding locks on " + this.tables + ", query '"
				+ ((this.query != null) ? this.query : "") + "')";
	}

}
