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

    /** Checks the version is positive and copies the statements. */
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
