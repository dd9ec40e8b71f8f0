package io.pgqrs.internal.worker;

import io.pgqrs.WorkerStatus;
import java.util.EnumSet;
import java.util.Set;

/** The legal worker state changes, with the refusal text for each. */
public enum WorkerTransition {
    POLL(EnumSet.of(WorkerStatus.READY, WorkerStatus.POLLING), WorkerStatus.POLLING,
            "Worker must be Ready to start polling"),
    COMPLETE_POLL(EnumSet.of(WorkerStatus.POLLING), WorkerStatus.READY,
            "Worker must be in Polling state to complete polling"),
    INTERRUPT(EnumSet.of(WorkerStatus.POLLING), WorkerStatus.INTERRUPTED,
            "Worker must be in Polling state to be interrupted"),
    SUSPEND(EnumSet.of(WorkerStatus.READY, WorkerStatus.POLLING, WorkerStatus.INTERRUPTED), WorkerStatus.SUSPENDED,
            "Worker must be Ready, Polling, or Interrupted to suspend"),
    RESUME(EnumSet.of(WorkerStatus.SUSPENDED), WorkerStatus.READY,
            "Worker must be in Suspended state to resume"),
    SHUTDOWN(EnumSet.of(WorkerStatus.SUSPENDED), WorkerStatus.STOPPED,
            "Worker must be in Suspended state to shutdown"),
    MARK_STOPPED(EnumSet.allOf(WorkerStatus.class), WorkerStatus.STOPPED, "");

    private final Set<WorkerStatus> from;
    private final WorkerStatus to;
    private final String refusal;

    WorkerTransition(Set<WorkerStatus> from, WorkerStatus to, String refusal) {
        this.from = Set.copyOf(from);
        this.to = to;
        this.refusal = refusal;
    }

    /** @return the states this change is allowed from */
    public Set<WorkerStatus> from() {
        return from;
    }

    /** @return the resulting state */
    public WorkerStatus to() {
        return to;
    }

    /** @return the reason given when the change is refused */
    public String refusal() {
        return refusal;
    }
}
