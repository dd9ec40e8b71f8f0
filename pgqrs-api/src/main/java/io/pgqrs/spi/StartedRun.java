package io.pgqrs.spi;

import io.pgqrs.RunRecord;
import java.util.Objects;

/**
 * A run created {@code RUNNING} together with its first step's success, by
 * {@link RunTable#startWithFirstStep}.
 *
 * @param run the run as created
 * @param firstStep its first step as recorded
 */
public record StartedRun(RunRecord run, RecordedStep firstStep) {
    /**
     * @param run the run as created
     * @param firstStep its first step as recorded
     */
    public StartedRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(firstStep, "firstStep");
    }
}
