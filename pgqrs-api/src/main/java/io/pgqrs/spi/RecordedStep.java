package io.pgqrs.spi;

import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import java.util.Objects;

/**
 * A step's success as {@link StepTable#recordSuccess} stored it, with what the same atomic write saw of its run: an
 * execution that wrote the step itself, finds the run still {@code RUNNING} and knows every other step of it needs
 * no read of the store before its next step, which cannot have been recorded by anyone else.
 *
 * @param step the step as stored afterwards
 * @param written whether this call wrote it (false when the step existed already)
 * @param runStatus the run's status, read in the same atomic write
 * @param otherSteps how many steps of the run other than this one exist, read in the same atomic write
 */
public record RecordedStep(StepRecord step, boolean written, RunStatus runStatus, int otherSteps) {
    /**
     * @param step the step as stored afterwards
     * @param written whether this call wrote it
     * @param runStatus the run's status, read in the same atomic write
     * @param otherSteps how many steps of the run other than this one exist
     */
    public RecordedStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(runStatus, "runStatus");
        if (otherSteps < 0) {
            throw new IllegalArgumentException("otherSteps must not be negative, got " + otherSteps);
        }
    }
}
