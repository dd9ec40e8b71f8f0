package io.pgqrs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.DurabilityMode;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.ValidationConfig;
import io.pgqrs.tck.TestEnvironment;
import io.pgqrs.testsupport.S3Proxy;
import io.pgqrs.testsupport.S3Server;
import io.pgqrs.testsupport.Tally;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several handles with cache directories of their own (they race on the object exactly as processes do) enqueue
 * one message at a time onto one object: none of them is starved into {@code CONFLICT}, and every message is there
 * exactly once. The longest wait of an enqueue is printed for the record. Sized to keep the suite short; the full
 * 300 enqueues per writer at 5 and 60 ms run in {@code ./pgqrs bench contend}.
 */
class S3WriterFairnessTest {
    @TempDir
    Path dir;
    private S3StoreHarness s3;
    private final S3Proxy proxy = S3Server.get().proxy();

    @BeforeEach
    void harness() {
        s3 = new S3StoreHarness(dir);
    }

    @AfterEach
    void close() {
        proxy.latency(Duration.ZERO);
        s3.close();
    }

    /**
     * If this fails with {@code CONFLICT}, a writer lost every race until the replay deadline: look at the yield and
     * back-off of {@code Contention}. If counts differ, a replayed batch was applied twice or lost.
     */
    @ParameterizedTest(name = "{0} writers x {2} enqueues at {1} ms round trip")
    @CsvSource({"2, 5, 150", "4, 5, 75", "2, 60, 20"})
    void writersTakeTurns(int writers, int roundTripMillis, int each) throws Exception {
        List<Pgqrs> handles = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            handles.add(s3.open(DurabilityMode.DURABLE,
                    b -> b.validation(ValidationConfig.defaults().withRateLimit(null, null))));
        }
        handles.get(0).admin().install();
        handles.get(0).admin().createQueue("fair");
        proxy.latency(Duration.ofMillis(roundTripMillis).dividedBy(2));
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Long>> longestWaits = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int w = 0; w < writers; w++) {
                Pgqrs handle = handles.get(w);
                int writer = w;
                longestWaits.add(pool.submit(() -> {
                    long longest = 0;
                    try (Producer p = handle.producer("fair")) {
                        for (int i = 0; i < each; i++) {
                            long before = System.nanoTime();
                            p.enqueue(Tally.payload(writer, i));
                            longest = Math.max(longest, System.nanoTime() - before);
                        }
                    }
                    return longest;
                }));
            }
            long longest = 0;
            for (Future<Long> f : longestWaits) {
                longest = Math.max(longest, f.get(TestEnvironment.timeout(Duration.ofMinutes(5)).toMillis(),
                        TimeUnit.MILLISECONDS));
            }
            System.out.printf("writer fairness: %d writers x %d enqueues at %d ms round trip: %.1f s, longest enqueue %d ms%n",
                    writers, each, roundTripMillis, (System.nanoTime() - start) / 1e9,
                    TimeUnit.NANOSECONDS.toMillis(longest));
        } finally {
            pool.shutdownNow();
        }
        proxy.latency(Duration.ZERO);
        assertThat(Tally.problems(s3.open(DurabilityMode.DURABLE), "fair", writers, each)).as("lost or repeated").isEmpty();
    }
}
