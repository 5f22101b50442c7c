package dev.migrations.autoconfigure;

import java.io.PrintStream;
import java.util.Locale;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.SeedReport;
import dev.migrations.core.SeedStatus;
import dev.migrations.core.SeedStorage;

/**
 * How {@link MigrationsCommandRunner} prints what a seed command did and the seeders' state.
 */
final class SeedOutput {

	private final PrintStream out;

	SeedOutput(PrintStream out) {
		this.out = out;
	}

	void print(CommandResult result) {
		String verb = (result.command() == Command.SEED) ? "ran" : "undid";
		this.out.println("migrations " + result.command().cliName() + ": " + verb + " " + result.migrations().size()
				+ " seeder(s)" + ((result.batch() != null) ? " as batch " + result.batch() : "") + " in "
				+ result.duration().toMillis() + " ms");
		result.migrations().forEach((id) -> this.out.println("  " + id));
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
