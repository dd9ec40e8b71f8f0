package io.pgqrs.spi;

import io.pgqrs.RunStatus;
import io.pgqrs.StepRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * What an execution of a run reads before each of its steps: whether the run was cancelled meanwhile (its status now)
 * and whether the step ran before (its record).
 *
 * @param runStatus the run's status when it was read
 * @param step the step, if it was ever acquired or recorded
 */
public record StepLookup(RunStatus runStatus, Optional<StepRecord> step) {
    /**
     * @param runStatus the run's status when it was read
     * @param step the step, if it was ever acquired or recorded
     */
    public StepLookup {
        Objects.requireNonNull(runStatus, "runStatus");
        Objects.requireNonNull(step, "step");
    }
}
