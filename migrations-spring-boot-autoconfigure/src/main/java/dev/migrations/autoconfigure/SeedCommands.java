package dev.migrations.autoconfigure;

import java.io.PrintStream;
import java.util.Locale;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.SeedReport;
import dev.migrations.core.SeedRunner;
import dev.migrations.core.SeedStatus;
import dev.migrations.core.SeedStorage;
import org.jspecify.annotations.Nullable;

/**
 * The seed commands of {@link MigrationsCommandRunner}: runs one, prints what it did and the seeders' state.
 */
final class SeedCommands {

	private final SeedRunner seedRunner;

	private final @Nullable String seederId;

	private final PrintStream out;

	SeedCommands(SeedRunner seedRunner, @Nullable String seederId, PrintStream out) {
		this.seedRunner = seedRunner;
		this.seederId = seederId;
		this.out = out;
	}

	/** Runs the command; failures propagate to the runner, which prints them and exits with 1. */
	int run(Command command) {
		CommandResult result = switch (command) {
			case SEED -> this.seedRunner.seed(this.seederId);
			case SEED_UNDO -> (this.seederId != null) ? this.seedRunner.undo(this.seederId) : this.seedRunner.undo();
			case SEED_UNDO_ALL -> this.seedRunner.undoAll();
			default -> throw new IllegalStateException("not a seed command: " + command);
		};
		String verb = (command == Command.SEED) ? "ran" : "undid";
		this.out.println("migrations " + command.cliName() + ": " + verb + " " + result.migrations().size()
				+ " seeder(s)" + ((result.batch() != null) ? " as batch " + result.batch() : "") + " in "
				+ result.duration().toMillis() + " ms");
		result.migrations().forEach((id) -> this.out.println("  " + id));
		print(this.seedRunner.status());
		return MigrationsCommandRunner.OK;
	}

	void print(SeedReport report) {
		long ran = report.seeders().stream().filter((s) -> s.state() == SeedStatus.State.RAN).count();
		this.out.println("Seeders" + ((report.storage() == SeedStorage.TABLE)
				? " in " + report.schema() + "." + report.table() + ": " + ran + " ran, " + report.pending() + " pending"
				: " (storage none, every seed runs all of them): " + report.seeders().size()));
		this.out.println(String.format("  %-12s %5s  %-25s %s", "STATE", "BATCH", "RAN AT", "ID"));
		for (SeedStatus seeder : report.seeders()) {
			this.out.println(String.format("  %-12s %5s  %-25s %s%s", seeder.state().name().toLowerCase(Locale.ROOT),
					(seeder.batch() != null) ? seeder.batch() : "",
					(seeder.ranAt() != null) ? seeder.ranAt().withNano(0) : "", seeder.id(),
					seeder.runAlways() ? " (runs always)" : ""));
		}
	}

}
