package io.pgqrs.bench;

import java.util.Arrays;

/** Latency samples of one thread (no sharing while measuring); merged and sorted for percentiles afterwards. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int size;

    void add(long sampleNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = sampleNanos;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies p : parts) {
            for (int i = 0; i < p.size; i++) {
                all.add(p.nanos[i]);
            }
        }
        Arrays.sort(all.nanos, 0, all.size);
        return all;
    }

    /** @param q quantile in [0, 1] on a merged, sorted instance @return milliseconds, 0 when there are no samples */
    double millis(double q) {
        if (size == 0) {
            return 0;
        }
        int index = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
        return nanos[Math.max(0, index)] / 1e6;
    }

    int count() {
        return size;
    }
}
