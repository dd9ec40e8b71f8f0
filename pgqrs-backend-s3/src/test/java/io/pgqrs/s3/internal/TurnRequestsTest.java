package io.pgqrs.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.testsupport.S3Proxy;
import io.pgqrs.testsupport.S3Server;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Two writers of one object asking each other for a turn through the marker, on the test S3 server. */
class TurnRequestsTest {
    private S3Proxy proxy;
    private S3Client client;
    private TurnRequests first;
    private TurnRequests second;

    @BeforeEach
    void writers() {
        proxy = S3Server.get().proxy();
        String key = S3Server.newKey("turns");
        client = S3Clients.create(Config.builder(S3Server.dsn(key)).build(), Map.of());
        RemoteObject remote = new RemoteObject(client, new S3Location(S3Server.BUCKET, key));
        first = new TurnRequests(remote, key);
        second = new TurnRequests(remote, key);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        client.close();
    }

    @Test
    void aRequestOfAnotherWriterIsSeenOnce() throws Exception {
        await(first.look());
        assertThat(first.takeAsked()).as("no marker yet").isEmpty();
        await(second.ask(TimeUnit.MILLISECONDS.toNanos(300)));
        await(first.look());
        assertThat(first.takeAsked()).as("the other writer asked, for 300 ms").hasValue(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(first.takeAsked()).as("taken").isEmpty();
        await(first.look());
        assertThat(first.takeAsked()).as("no new request").isEmpty();
        await(second.ask(TimeUnit.MILLISECONDS.toNanos(300)));
        await(first.look());
        assertThat(first.takeAsked()).as("asked again").isPresent();
    }

    @Test
    void aWritersOwnRequestIsNotOne() throws Exception {
        await(first.look());
        await(first.ask(TimeUnit.MILLISECONDS.toNanos(300)));
        await(first.look());
        assertThat(first.takeAsked()).isEmpty();
    }

    /** A request made before a writer's first look is not counted: a writer still waiting asks again. */
    @Test
    void theFirstLookOnlyLearnsTheMarker() throws Exception {
        await(second.ask(TimeUnit.MILLISECONDS.toNanos(300)));
        await(first.look());
        assertThat(first.takeAsked()).isEmpty();
    }

    /** A marker that cannot be read counts as a request, once a second at most: a winner never starves a loser. */
    @Test
    void anUnreadableMarkerCountsAsARequestOnceASecond() throws Exception {
        await(first.look());
        proxy.failNext("HEAD", RemoteObject.MARKER_SUFFIX, S3Proxy.Fault.SERVICE_UNAVAILABLE);
        await(first.look());
        assertThat(first.takeAsked()).as("a request that names no length").hasValue(0);
        proxy.failNext("HEAD", RemoteObject.MARKER_SUFFIX, S3Proxy.Fault.SERVICE_UNAVAILABLE);
        await(first.look());
        assertThat(first.takeAsked()).as("the second failure within a second").isEmpty();
    }

    private static void await(java.util.concurrent.Future<?> done) throws Exception {
        done.get(30, TimeUnit.SECONDS);
    }
}
