package io.pgqrs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.StoreObserver.WriteOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a store reaches the store observers registered among a connection's observers. */
class StoreObserverTest {

    /** Records the store events it hears, by name. */
    private static final class Recorder implements StoreObserver {
        final List<String> heard = new ArrayList<>();

        @Override
        public void objectWritten(WriteOutcome outcome, Duration took) {
            heard.add("objectWritten " + outcome + " " + took.toMillis());
        }

        @Override
        public void revisionPublished(int messages) {
            heard.add("revisionPublished " + messages);
        }

        @Override
        public void replayed(int operations) {
            heard.add("replayed " + operations);
        }

        @Override
        public void listenerReconnected(Duration down) {
            heard.add("listenerReconnected " + down.toMillis());
        }
    }

    /** A store observer that throws on everything. */
    private static final class Broken implements StoreObserver {
        @Override
        public void objectWritten(WriteOutcome outcome, Duration took) {
            throw new IllegalStateException("observer bug");
        }

        @Override
        public void revisionPublished(int messages) {
            throw new IllegalStateException("observer bug");
        }

        @Override
        public void replayed(int operations) {
            throw new IllegalStateException("observer bug");
        }

        @Override
        public void listenerReconnected(Duration down) {
            throw new IllegalStateException("observer bug");
        }
    }

    @Test
    void everyStoreObserverHearsEveryEventInOrderPastOneThatThrows() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Config config = Config.builder("sqlite::memory:").observer(first).observer(new Broken())
                .observer(new QueueObserver() { }).observer(second).build();

        StoreObserver store = config.storeObserver();
        store.objectWritten(WriteOutcome.CONFLICT, Duration.ofMillis(7));
        store.objectWritten(WriteOutcome.PUBLISHED, Duration.ofMillis(9));
        store.revisionPublished(12);
        store.replayed(3);
        store.listenerReconnected(Duration.ofMillis(150));

        List<String> expected = List.of("objectWritten CONFLICT 7", "objectWritten PUBLISHED 9", "revisionPublished 12",
                "replayed 3", "listenerReconnected 150");
        assertThat(first.heard).containsExactlyElementsOf(expected);
        assertThat(second.heard).containsExactlyElementsOf(expected);
    }

    @Test
    void withoutStoreObserversReportsGoNowhere() {
        Config config = Config.builder("sqlite::memory:").observer(new QueueObserver() { }).build();
        config.storeObserver().objectWritten(WriteOutcome.FAILED, Duration.ZERO);
        config.storeObserver().listenerReconnected(Duration.ZERO);
        assertThat(config.storeObserver()).isNotNull();
    }

    @Test
    void aRebuiltConfigKeepsItsStoreObservers() {
        Recorder recorder = new Recorder();
        Config config = Config.builder("sqlite::memory:").observer(recorder).build().toBuilder().build();
        config.storeObserver().replayed(2);
        assertThat(recorder.heard).containsExactly("replayed 2");
    }
}
