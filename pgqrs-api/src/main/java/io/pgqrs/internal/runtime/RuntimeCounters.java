package io.pgqrs.internal.runtime;

import io.pgqrs.QueueWorkerStats;
import java.util.concurrent.atomic.LongAdder;

/** What a queue worker did, counted as it happens. */
final class RuntimeCounters {
    final LongAdder succeeded = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder postponed = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder leaseExtensions = new LongAdder();
    final LongAdder lostLeases = new LongAdder();

    QueueWorkerStats snapshot(int inFlight) {
        return new QueueWorkerStats(succeeded.sum(), retried.sum(), deadLettered.sum(), postponed.sum(), timedOut.sum(),
                leaseExtensions.sum(), lostLeases.sum(), inFlight);
    }
}
