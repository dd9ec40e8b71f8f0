package io.pgqrs;

import java.util.List;
import java.util.Objects;

/**
 * One step of a store's schema history: the statements that bring a store from the version before to this one, in
 * the store's own language. A backend lists its steps oldest first, numbered 1, 2, 3 … without gaps; a step, once
 * released, never changes: a later change is a new step. {@link Admin#migrationPlan()} returns the steps a store
 * still lacks, for people to read before {@link Admin#install()} runs them.
 *
 * @param version the version the store has once the step ran, 1 or more
 * @param description what the step changes, in a few words
 * @param statements the statements, in the order they run; never empty
 */
public record SchemaMigration(int version, String description, List<String> statements) {

    /**
     * Creates a step of the schema history, keeping an unmodifiable copy of the statements.
     *
     * @param version the version the store has once the step ran, 1 or more
     * @param description what the step changes; not null
     * @param statements the statements in the order they run; at least one
     * @throws IllegalArgumentException when {@code version} is below 1 or there are no statements
     * @throws NullPointerException when {@code description} or {@code statements} is null
     */
    public SchemaMigration {
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }
}
