package dev.migrations.autoconfigure;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the application events published around every migrations command and every migration it runs, so
 * that applications can hook in (umzug's {@code migrating}/{@code migrated}/{@code reverting}/{@code reverted}, knex's
 * before and after hooks).
 *
 * <p>The events are published synchronously on the thread that runs the command. Commands run at startup run while
 * the context refreshes, before {@code @EventListener} methods are registered: to hear those, implement
 * {@link org.springframework.context.ApplicationListener} as a bean (or add the listener to the
 * {@code SpringApplication}). A listener that throws from a <em>starting</em> event stops the command before the
 * migration runs.
 */
public abstract class MigrationsEvent extends ApplicationEvent {

	protected MigrationsEvent(Object source) {
		super(source);
	}

}
