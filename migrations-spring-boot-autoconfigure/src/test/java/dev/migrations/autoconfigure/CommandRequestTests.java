package dev.migrations.autoconfigure;

import dev.migrations.core.Command;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The argument rules every entry point shares.
 */
class CommandRequestTests {

	@Test
	void toTogetherWithStepIsRefused() {
		assertThatExceptionOfType(InvalidCommandException.class)
			.isThrownBy(() -> new CommandRequest(Command.UNDO, "20260101000000_a", 1, null))
			.withMessage("'undo' takes 'to' or 'step', not both");
		assertThatExceptionOfType(InvalidCommandException.class)
			.isThrownBy(() -> new CommandRequest(Command.MIGRATE, "20260101000000_a", 2, null));
	}

	@Test
	void stepMustBePositive() {
		assertThatExceptionOfType(InvalidCommandException.class)
			.isThrownBy(() -> new CommandRequest(Command.UNDO, null, 0, null))
			.withMessage("'step' must be at least 1, was 0");
		assertThat(new CommandRequest(Command.UNDO, null, 3, null).step()).isEqualTo(3);
	}

	@Test
	void argumentsACommandDoesNotTakeAreRefused() {
		assertThatExceptionOfType(InvalidCommandException.class)
			.isThrownBy(() -> new CommandRequest(Command.REDO, null, 1, null))
			.withMessageStartingWith("'redo' takes no 'step'; the commands that do: plan, migrate, undo");
		assertThatExceptionOfType(InvalidCommandException.class)
			.isThrownBy(() -> new CommandRequest(Command.SEED, "20260101000000_a", null, null))
			.withMessageStartingWith("'seed' takes no 'to'");
		assertThatExceptionOfType(InvalidCommandException.class)
			.isThrownBy(() -> new CommandRequest(Command.MIGRATE, null, null, "20260101000000_seed"))
			.withMessageStartingWith("'migrate' takes no seeder id; the commands that do: seed, seed-undo");
		assertThat(new CommandRequest(Command.SEED_UNDO, " ", null, "20260101000000_seed").to()).isNull();
	}

	@Test
	void unknownCommandListsTheKebabCaseNames() {
		assertThatExceptionOfType(InvalidCommandException.class).isThrownBy(() -> CommandRequest.command("foo"))
			.withMessage("Unknown migrations command 'foo'; use one of status, plan, validate, migrate, undo, undo-batch, "
					+ "undo-all, redo, retry, mark-applied, mark-rolled-back, accept-checksums, import-flyway, diff, seed, seed-undo, seed-undo-all");
		assertThat(CommandRequest.command("UNDO_ALL")).isEqualTo(Command.UNDO_ALL);
		assertThat(CommandRequest.command(" undo-batch ")).isEqualTo(Command.UNDO_BATCH);
	}

	@Test
	void echoedValuesAreCut() {
		String huge = "2".repeat(1_000_000);
		assertThatExceptionOfType(InvalidCommandException.class)
			.isThrownBy(() -> new CommandRequest(Command.UNDO, huge, null, null))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(300).contains("(1000000 characters)"));
		assertThatExceptionOfType(InvalidCommandException.class).isThrownBy(() -> CommandRequest.command(huge))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400));
	}

}
