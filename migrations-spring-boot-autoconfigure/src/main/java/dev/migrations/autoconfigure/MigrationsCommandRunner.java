package dev.migrations.autoconfigure;

import java.io.PrintStream;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.migrations.core.Command;
import dev.migrations.core.CommandResult;
import dev.migrations.core.Fleet;
import dev.migrations.core.FleetReport;
import dev.migrations.core.DriftReport;
import dev.migrations.core.MigrationPlan;
import dev.migrations.core.MigrationStatus;
import dev.migrations.core.MigrationValidationException;
import dev.migrations.core.Migrator;
import dev.migrations.core.SeedRunner;
import dev.migrations.core.StatusReport;
import dev.migrations.core.TenantOutcome;
import dev.migrations.schema.CatalogDifference;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.json.JsonWriter;

/**
 * Runs one command for {@code --migrations.command}, prints a readable result and returns the exit code: 0 on
 * success, 1 on failure (an argument the {@link CommandRequest rules} refuse included), 2 when {@code status} or
 * {@code validate} finds migrations pending or failed, or {@code diff} finds the live schema drifted. The commands that change something go through
 * {@link MigrationsCommands}, as the endpoint's do. With a {@link Fleet}, the command runs on the default schema, then
 * on every tenant (only the tenants {@code migrations.tenants} selects, when it is set), and fails when any tenant
 * failed, naming each.
 */
class MigrationsCommandRunner {

	static final int OK = 0;

	static final int FAILED = 1;

	static final int NOT_UP_TO_DATE = 2;

	private final MigrationsCommands commands;

	private final @Nullable String seederId;

	private final PrintStream out;

	private final PrintStream err;

	private @Nullable Fleet fleet;

	private List<String> selection = List.of();
	private MigrationsProperties.Output output = MigrationsProperties.Output.TEXT;

	MigrationsCommandRunner(Migrator migrator, PrintStream out, PrintStream err) {
		this(migrator, null, null, out, err);
	}

	MigrationsCommandRunner(Migrator migrator, @Nullable SeedRunner seedRunner, @Nullable String seederId,
			PrintStream out, PrintStream err) {
		this.commands = new MigrationsCommands(migrator, seedRunner);
		this.seederId = seederId;
		this.out = out;
		this.err = err;
	}

	/** How the result is printed ({@code migrations.output}); only {@code diff} prints JSON so far. */
	MigrationsCommandRunner output(MigrationsProperties.Output output) {
		this.output = output;
		return this;
	}

	/**
	 * Runs the command with {@code migrations.to}, {@code migrations.step} and, for the seed commands,
	 * {@code migrations.seeders.id}.
	 */
	int run(Command command, @Nullable String to, @Nullable Integer step) {
		try {
			return run(new CommandRequest(command, to, step, CommandRequest.takesSeeder(command) ? this.seederId : null));
		}
		catch (InvalidCommandException ex) {
			return failed(command, ex);
		}
	}

	/** Runs the commands over the fleet too: on the selected tenants only when the selection is not empty. */
	void fleet(Fleet fleet, List<String> selection) {
		this.fleet = fleet;
		this.selection = List.copyOf(selection);
	}

	int run(CommandRequest request) {
		if (this.fleet == null) {
			return runOne(request);
		}
		// The default schema first (shared tables the tenants may depend on), unless tenants are selected.
		int code = this.selection.isEmpty() ? runOne(request) : OK;
		if (code == FAILED) {
			this.err.println("migrations " + request.command().cliName() + ": the tenants were not run, since the "
					+ "default schema failed");
			this.err.flush();
			return FAILED;
		}
		FleetReport report;
		try {
			report = this.fleet.run(request.command(), this.selection, (migrator, seeds) -> switch (request.command()) {
				case STATUS -> migrator.status();
				case VALIDATE -> migrator.validate();
				case PLAN -> migrator.plan(request.to(), request.step());
				case DIFF -> migrator.diff();
				default -> new MigrationsCommands(migrator, seeds).run(request);
			});
		}
		catch (RuntimeException ex) {
			return failed(request.command(), ex);
		}
		print(report);
		if (!report.isSuccessful()) {
			// validate fails a tenant that is behind: not up to date rather than broken, as for the default schema
			return (request.command() == Command.VALIDATE) ? NOT_UP_TO_DATE : FAILED;
		}
		return (code == NOT_UP_TO_DATE || report.counts().get(TenantOutcome.State.PENDING) > 0) ? NOT_UP_TO_DATE : OK;
	}

	private void print(FleetReport report) {
		for (TenantOutcome tenant : report.tenants()) {
			String what = switch (tenant.state()) {
				case FAILED -> "FAILED: " + tenant.error();
				case BY_OTHER_INSTANCE -> "migrated by another instance";
				default -> describe(tenant.result());
			};
			this.out.println("tenant " + tenant.tenant() + ": " + what);
		}
		this.out.println("migrations fleet " + report.describe());
		if (!report.isSuccessful()) {
			this.err.println("migrations " + report.command().cliName() + " failed on " + report.failed().size()
					+ " tenant(s): " + String.join(", ", report.failed().stream().map(TenantOutcome::tenant).toList()));
			this.err.flush();
		}
	}

	private static String describe(@Nullable Object result) {
		if (result instanceof CommandResult command) {
			return command.command().cliName() + " " + command.migrations().size() + " migration(s)"
					+ ((command.batch() != null) ? " as batch " + command.batch() : "");
		}
		if (result instanceof StatusReport status) {
			return (status.isUpToDate() ? "up to date" : "not up to date") + "; current: "
					+ ((status.current() != null) ? status.current() : "(none)");
		}
		if (result instanceof MigrationPlan plan) {
			return plan.migrations().size() + " pending migration(s)";
		}
		return "done";
	}

	private int runOne(CommandRequest request) {
		Command command = request.command();
		Migrator migrator = this.commands.migrator();
		try {
			switch (command) {
				case STATUS -> {
					StatusReport report = migrator.status();
					print(report);
					// Seeders are listed for information; pending ones do not make the schema out of date.
					if (this.commands.hasSeeders()) {
						new SeedOutput(this.out).print(this.commands.seedRunner().status());
					}
					return report.isUpToDate() ? OK : NOT_UP_TO_DATE;
				}
				case VALIDATE -> {
					print(migrator.validate());
					return OK;
				}
				case PLAN -> {
					MigrationPlan plan = migrator.plan(request.to(), request.step());
					this.out.println("migrations plan: " + plan.migrations().size()
							+ " pending migration(s); nothing was run");
					this.out.print(plan.describe());
					return OK;
				}
				case DIFF -> {
					DriftReport report = migrator.diff();
					this.out.print((this.output == MigrationsProperties.Output.JSON) ? json(report) + "\n"
							: "migrations diff: " + report.describe());
					return report.hasDrift() ? NOT_UP_TO_DATE : OK;
				}
				case SEED, SEED_UNDO, SEED_UNDO_ALL -> {
					SeedOutput output = new SeedOutput(this.out);
					output.print(this.commands.run(request));
					output.print(this.commands.seedRunner().status());
					return OK;
				}
				default -> {
					print(this.commands.run(request));
					print(migrator.status());
					return OK;
				}
			}
		}
		catch (MigrationValidationException ex) {
			int code = failed(command, ex);
			return (command == Command.VALIDATE) ? NOT_UP_TO_DATE : code;
		}
		catch (RuntimeException ex) {
			return failed(command, ex);
		}
		finally {
			this.out.flush();
		}
	}

	private int failed(Command command, RuntimeException ex) {
		this.err.println("migrations " + command.cliName() + " failed: " + ex.getMessage());
		this.err.flush();
		return FAILED;
	}

	private void print(CommandResult result) {
		String verb = switch (result.command()) {
			case MIGRATE, REDO, RETRY -> "applied";
			case UNDO, UNDO_BATCH, UNDO_ALL -> "undid";
			case MARK_APPLIED -> "marked applied";
			case MARK_ROLLED_BACK -> "marked rolled back";
			case ACCEPT_CHECKSUMS -> "recorded the checksum of";
			case IMPORT_FLYWAY -> "imported";
			default -> "handled";
		};
		this.out.println("migrations " + result.command().cliName() + ": " + verb + " " + result.migrations().size()
				+ " migration(s)" + ((result.batch() != null) ? " as batch " + result.batch() : "") + " in "
				+ result.duration().toMillis() + " ms");
		result.migrations().forEach((id) -> this.out.println("  " + id));
	}

	private void print(StatusReport report) {
		StringBuilder counts = new StringBuilder();
		report.counts().forEach((state, count) -> {
			if (count > 0) {
				counts.append((counts.length() > 0) ? ", " : "").append(count).append(' ').append(name(state.name()));
			}
		});
		this.out.println("Migrations in " + report.schema() + "." + report.table() + ": "
				+ ((counts.length() > 0) ? counts : "none") + "; current: "
				+ ((report.current() != null) ? report.current() : "(none)"));
		this.out.println(String.format("  %-12s %5s  %-25s %s", "STATE", "BATCH", "APPLIED AT", "ID"));
		for (MigrationStatus migration : report.migrations()) {
			this.out.println(String.format("  %-12s %5s  %-25s %s", name(migration.state().name()),
					(migration.batch() != null) ? migration.batch() : "",
					(migration.appliedAt() != null) ? migration.appliedAt().withNano(0) : "", migration.id()));
			if (migration.error() != null) {
				this.out.println("               error: " + migration.error());
			}
		}
		if (report.lockHolder() != null) {
			this.out.println("Lock held by " + report.lockHolder().describe());
		}
	}

	/** The drift report as one JSON document. */
	static String json(DriftReport report) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("command", "diff");
		document.put("drift", report.hasDrift());
		document.put("scratchDatabase", report.scratchDatabase());
		document.put("replayed", report.replayed());
		document.put("notReplayed", report.notReplayed());
		document.put("differences", report.differences().stream().map(MigrationsCommandRunner::json).toList());
		return JsonWriter.standard().writeToString(document);
	}

	private static Map<String, @Nullable Object> json(CatalogDifference difference) {
		Map<String, @Nullable Object> entry = new LinkedHashMap<>();
		entry.put("object", difference.object());
		entry.put("kind", difference.kind().name());
		entry.put("expected", difference.expected());
		entry.put("actual", difference.actual());
		return entry;
	}

	private static String name(String state) {
		return state.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
