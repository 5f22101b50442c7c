package dev.migrations.core;

/**
 * One migration about to run or just run in one direction, as listeners see it.
 *
 * @param id the migration's id
 * @param description the description part of the id
 * @param direction up or down
 * @param transactional whether it runs in one transaction
 */
public record MigrationStep(String id, String description, Direction direction, boolean transactional) {
}
