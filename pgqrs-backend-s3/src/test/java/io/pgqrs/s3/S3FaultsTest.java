package io.pgqrs.s3;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.DurabilityMode;
import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.testsupport.S3Proxy;
import io.pgqrs.testsupport.S3Server;
import io.pgqrs.testsupport.S3Proxy.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object-store faults during a durable write, and bad input: each gives a clear error and nothing half-written. */
class S3FaultsTest {
    @TempDir
    Path dir;
    private S3StoreHarness s3;
    private final S3Proxy proxy = S3Server.get().proxy();
    private Pgqrs pgqrs;

    @BeforeEach
    void installed() {
        s3 = new S3StoreHarness(dir);
        pgqrs = s3.open(DurabilityMode.DURABLE);
        pgqrs.admin().install();
        pgqrs.admin().createQueue("q");
    }

    @AfterEach
    void close() {
        s3.close();
    }

    /** A 503 or a connection dropped before the server saw the PUT is retried; the caller sees success. */
    @Test
    void transientPutFailuresAreRetried() {
        proxy.failNext("PUT", Fault.SERVICE_UNAVAILABLE);
        pgqrs.producer("q").enqueue(Map.of("n", 1));
        proxy.failNext("PUT", Fault.DROP_BEFORE_SERVER);
        pgqrs.producer("q").enqueue(Map.of("n", 2));
        assertThat(s3.open(DurabilityMode.DURABLE).admin().queueMetrics("q").totalMessages()).isEqualTo(2);
    }

    /** A PUT the server applied but whose answer was lost is recognised by its commit id, not applied twice. */
    @Test
    void putAppliedButAnswerLostIsNotAppliedTwice() {
        proxy.failNext("PUT", Fault.DROP_AFTER_SERVER);
        long id = pgqrs.producer("q").enqueue(Map.of("once", true)).id();
        Pgqrs other = s3.open(DurabilityMode.DURABLE);
        assertThat(other.admin().listMessages("q")).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo(id));
        pgqrs.producer("q").enqueue(Map.of("after", true));
        assertThat(other.admin().queueMetrics("q").totalMessages()).isEqualTo(2);
    }

    /** When every attempt fails the caller gets an error, and the write it was refused is nowhere afterwards. */
    @Test
    void persistentFailureIsReportedAndNothingIsHalfWritten() {
        for (int i = 0; i < 5; i++) {
            proxy.failNext("PUT", Fault.SERVICE_UNAVAILABLE);
        }
        var e = assertFails(ErrorKind.CONNECTION_FAILED, () -> pgqrs.producer("q").enqueue(Map.of("lost", true)));
        assertThat(e.getMessage()).contains("AWS_ENDPOINT_URL");
        assertThat(pgqrs.admin().queueMetrics("q").totalMessages()).isZero();
        pgqrs.producer("q").enqueue(Map.of("kept", true));
        assertThat(s3.open(DurabilityMode.DURABLE).admin().queueMetrics("q").totalMessages()).isEqualTo(1);
    }

    /** CFG-14: every malformed S3 DSN is INVALID_CONFIG on dsn, naming what is wrong, before any request. */
    @Test
    void cfg14_badDsns() {
        assertThat(badDsn("s3:///key.sqlite")).contains("S3 DSN missing bucket");
        assertThat(badDsn("s3://bucket")).contains("S3 DSN missing object key");
        assertThat(badDsn("s3://bucket/")).contains("S3 DSN missing object key");
        assertThat(badDsn("s3://bucket/a b")).contains("Invalid S3 DSN format");
        var e = assertFails(ErrorKind.INVALID_CONFIG, () -> new S3StoreProvider().open(Config.builder("sqlite:x.db").build()));
        assertThat(e.getMessage()).contains("Invalid S3 DSN scheme 'sqlite'");
    }

    private String badDsn(String dsn) {
        var e = assertFails(ErrorKind.INVALID_CONFIG, () -> Pgqrs.connect(Config.builder(dsn).s3CacheDir(dir.resolve("bad")).build()));
        assertThat(e.field()).contains("dsn");
        return e.getMessage();
    }

    /** A bucket that does not exist: CONNECTION_FAILED naming it, not "object not found". */
    @Test
    void missingBucketIsNamed() {
        Pgqrs nowhere = Pgqrs.connect(Config.builder("s3://no-such-bucket-" + System.nanoTime() + "/q.sqlite")
                .s3CacheDir(dir.resolve("nowhere")).build());
        try (nowhere) {
            var e = assertFails(ErrorKind.CONNECTION_FAILED, () -> nowhere.admin().install());
            assertThat(e.getMessage()).contains("bucket 'no-such-bucket-").contains("does not exist");
        }
    }

    /** An endpoint where nothing listens: CONNECTION_FAILED within the connection timeout, not a hang. */
    @Test
    void unreachableEndpointFailsFast() {
        withProperty("aws.endpointUrl", "http://127.0.0.1:9", () -> {
            Pgqrs unreachable = s3.open(DurabilityMode.DURABLE);
            Instant start = Instant.now();
            var e = assertFails(ErrorKind.CONNECTION_FAILED, () -> unreachable.admin().listQueues());
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
            assertThat(e.getMessage()).contains("AWS_ENDPOINT_URL");
        });
    }

    /** No credentials anywhere: CONNECTION_FAILED saying which variables to set. */
    @Test
    void missingCredentials() {
        withProperty("aws.accessKeyId", null, () -> withProperty("aws.secretAccessKey", null,
                () -> withProperty("aws.disableEc2Metadata", "true", () -> {
                    Pgqrs anonymous = s3.open(DurabilityMode.DURABLE);
                    var e = assertFails(ErrorKind.CONNECTION_FAILED, () -> anonymous.admin().listQueues());
                    assertThat(e.getMessage()).contains("AWS_ACCESS_KEY_ID");
                })));
    }

    private static void withProperty(String name, String value, Runnable body) {
        String old = System.getProperty(name);
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
    }
}
