package io.pgqrs.bench;

import io.pgqrs.testsupport.S3Proxy;
import io.pgqrs.testsupport.S3Server;
import java.time.Duration;

/**
 * The S3 side of a benchmark run: the test S3 server (S3Mock in this JVM, or {@code PGQRS_TEST_S3_ENDPOINT}) behind
 * the latency proxy, which also counts PUTs and makes racing conditional PUTs atomic as on S3. Started on first use.
 */
final class S3Bench {
    private static S3Proxy proxy;

    private S3Bench() {
    }

    /**
     * @param roundTrip added to every request, half each way
     * @return the proxy stores of this JVM talk to
     */
    static synchronized S3Proxy proxy(Duration roundTrip) {
        proxy = S3Server.get().proxy();
        return proxy.latency(roundTrip.dividedBy(2));
    }

    /** @return PUTs issued through the proxy so far, or 0 when no S3 run started */
    static synchronized long puts() {
        return proxy == null ? 0 : proxy.count("PUT", S3Proxy.STORE_SUFFIX);
    }
}
