package io.pgqrs;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link QueueWorker} handler to give its message back until later without using up an attempt: the
 * worker postpones it ({@link Consumer#postpone}) instead of counting a failure. For waiting, not failing: a rate limit
 * that says "retry in 30 s", a durable sleep or a workflow step whose retry is not due yet (the workflow runtime throws
 * it for those; let it pass, do not catch it).
 */
public class PostponeMessage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration delay;

    /**
     * @param delay how long the message stays invisible; a fraction of a second is rounded up
     * @param why what it waits for, for the logs
     */
    public PostponeMessage(Duration delay, String why) {
        super(why, null, false, false);
        this.delay = Objects.requireNonNull(delay, "delay").isNegative() ? Duration.ZERO : delay;
    }

    /** @return how long the message stays invisible */
    public Duration delay() {
        return delay;
    }
}
