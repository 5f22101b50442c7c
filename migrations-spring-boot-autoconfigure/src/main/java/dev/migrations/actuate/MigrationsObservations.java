package dev.migrations.actuate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.Supplier;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.MigrationListener;
import dev.migrations.core.MigrationStep;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Wraps every migrations command in a {@code migrations.command} observation and every migration it runs in a
 * {@code migrations.migration} observation (a child of the command's), so that traces show them with the SQL they
 * ran beneath. Low-cardinality keys: {@code command}; {@code migration}, {@code direction} ({@code up}/{@code down})
 * and {@code outcome} ({@code success}/{@code failure}).
 */
public class MigrationsObservations implements MigrationListener {

	private final Supplier<ObservationRegistry> registry;

	private final ThreadLocal<Deque<Observation.Scope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

	/**
	 * Creates the listener.
	 * @param registry supplies the observation registry; looked up when the first command starts
	 */
	public MigrationsObservations(Supplier<ObservationRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void commandStarting(Command command) {
		start(Observation.createNotStarted("migrations.command", this.registry.get())
			.contextualName("migrations " + command.cliName())
			.lowCardinalityKeyValue("command", command.cliName()));
	}

	@Override
	public void commandFinished(Command command, CommandResult result, @Nullable Throwable failure) {
		stop(failure);
	}

	@Override
	public void migrationStarting(MigrationStep step) {
		String direction = step.direction().name().toLowerCase(Locale.ROOT);
		start(Observation.createNotStarted("migrations.migration", this.registry.get())
			.contextualName("migration " + direction + " " + step.id())
			.lowCardinalityKeyValue("migration", step.id())
			.lowCardinalityKeyValue("direction", direction));
	}

	@Override
	public void migrationFinished(MigrationStep step, Duration duration, @Nullable Throwable failure) {
		stop(failure);
	}

	private void start(Observation observation) {
		observation.start();
		this.scopes.get().push(observation.openScope());
	}

	private void stop(@Nullable Throwable failure) {
		Deque<Observation.Scope> stack = this.scopes.get();
		Observation.Scope scope = stack.poll();
		if (stack.isEmpty()) {
			this.scopes.remove();
		}
		if (scope == null) {
			return;
		}
		Observation observation = scope.getCurrentObservation();
		scope.close();
		observation.lowCardinalityKeyValue("outcome", (failure != null) ? "failure" : "success");
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

}
