package dev.migrations.autoconfigure;

import java.time.Duration;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.MigrationListener;
import dev.migrations.core.MigrationStep;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A {@link MigrationListener} that publishes what the migrator does as {@link MigrationsEvent application events}.
 */
public class MigrationsEventPublisher implements MigrationListener {

	private final ApplicationEventPublisher publisher;

	public MigrationsEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void commandStarting(Command command) {
		this.publisher.publishEvent(new MigrationsCommandStartingEvent(command));
	}

	@Override
	public void commandFinished(Command command, CommandResult result, @Nullable Throwable failure) {
		this.publisher.publishEvent(new MigrationsCommandFinishedEvent(command, result, failure));
	}

	@Override
	public void migrationStarting(MigrationStep step) {
		this.publisher.publishEvent(new MigrationStartingEvent(step));
	}

	@Override
	public void migrationFinished(MigrationStep step, Duration duration, @Nullable Throwable failure) {
		this.publisher.publishEvent((failure != null) ? new MigrationFailedEvent(step, duration, failure)
				: new MigrationFinishedEvent(step, duration));
	}

}
