package io.pgqrs;

import java.util.Map;
import java.util.Objects;

/**
 * How a schedule fires beyond its expression: the headers of its messages and what happens to missed ticks. Immutable;
 * each {@code with…} returns a copy and checks its input at once.
 *
 * <p>Missed ticks are ticks that passed while no process fired the schedule (every process down, or slower than the
 * expression). By default ({@link #skipMissedTicks()}) a firing enqueues one message, for the latest tick that has
 * passed, and skips the earlier ones: a nightly report missed for three nights runs once. With
 * {@link #withCatchUp(int)} a firing enqueues one message per missed tick, oldest first, but at most that many: the
 * latest ones, so that a long outage never floods the queue.
 *
 * <pre>{@code
 * ScheduleOptions.defaults().withHeader("team", "billing").withCatchUp(24)
 * }</pre>
 */
public final class ScheduleOptions {
    /** The most ticks one firing may catch up on. */
    public static final int MAX_CATCH_UP_TICKS = 1000;
    private static final ScheduleOptions DEFAULTS = new ScheduleOptions(EnqueueOptions.none(), 1);

    private final EnqueueOptions headers;
    private final int catchUpTicks;

    private ScheduleOptions(EnqueueOptions headers, int catchUpTicks) {
        this.headers = headers;
        this.catchUpTicks = catchUpTicks;
    }

    /** @return no headers, missed ticks skipped (the latest one fires) */
    public static ScheduleOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param name a header name, as for {@link EnqueueOptions#withHeader}; names starting {@code pgqrs-schedule} are
     *        the library's and are replaced when the message is enqueued
     * @param value its value
     * @return a copy with the header
     * @throws PgqrsException {@code VALIDATION_FAILED} as {@link EnqueueOptions#withHeader}
     */
    public ScheduleOptions withHeader(String name, String value) {
        return new ScheduleOptions(headers.withHeader(name, value), catchUpTicks);
    }

    /**
     * @param more headers to add; names already set are replaced
     * @return a copy with the headers
     * @throws PgqrsException {@code VALIDATION_FAILED} as {@link EnqueueOptions#withHeaders}
     */
    public ScheduleOptions withHeaders(Map<String, String> more) {
        return new ScheduleOptions(headers.withHeaders(Objects.requireNonNull(more, "more")), catchUpTicks);
    }

    /** @return a copy whose firing enqueues only the latest passed tick and skips earlier missed ones (the default) */
    public ScheduleOptions skipMissedTicks() {
        return new ScheduleOptions(headers, 1);
    }

    /**
     * @param maxTicks how many missed ticks one firing enqueues at most, 1 to {@value #MAX_CATCH_UP_TICKS}: the latest
     *        ones, oldest first; 1 is {@link #skipMissedTicks()}
     * @return a copy with that bound
     * @throws PgqrsException {@code VALIDATION_FAILED} (field {@code catchUp}) outside 1 to {@value #MAX_CATCH_UP_TICKS}
     */
    public ScheduleOptions withCatchUp(int maxTicks) {
        if (maxTicks < 1 || maxTicks > MAX_CATCH_UP_TICKS) {
            throw PgqrsException.invalidField("catchUp", "catch up on 1 to " + MAX_CATCH_UP_TICKS + " missed ticks, got "
                    + maxTicks + " (1 skips missed ticks)");
        }
        return new ScheduleOptions(headers, maxTicks);
    }

    /** @return the headers of the schedule's messages, in the order they were added */
    public Map<String, String> headers() {
        return headers.headers();
    }

    /** @return how many missed ticks one firing enqueues at most; 1 when missed ticks are skipped */
    public int catchUpTicks() {
        return catchUpTicks;
    }
}
