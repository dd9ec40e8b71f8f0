package io.pgqrs.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pgqrs.Message;
import io.pgqrs.spi.MessageTable;
import io.pgqrs.spi.QueueTable;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The message writes a port call stands for, read from its result. */
class MessageWritesTest {

    /**
     * Every method of the message port is placed as a reader or a writer: when this fails, a method was added to
     * {@link MessageTable}; add it to {@code MessageWrites.READS} or {@code WRITES} (a writer must return what it wrote,
     * whether it wrote, or how many).
     */
    @Test
    void everyMessagePortMethodIsAReaderOrAWriter() {
        Set<String> methods = new HashSet<>();
        Arrays.stream(MessageTable.class.getMethods()).map(Method::getName).forEach(methods::add);
        Set<String> placed = new HashSet<>(MessageWrites.READS);
        placed.addAll(MessageWrites.WRITES);
        assertThat(placed).containsExactlyInAnyOrderElementsOf(methods);
        assertThat(MessageWrites.READS).doesNotContainAnyElementsOf(MessageWrites.WRITES);
    }

    @Test
    void writesCountWhatTheyReturnAndReadsNothing() throws Exception {
        Message stored = message(1, false);
        Message duplicate = message(2, true);
        assertThat(MessageWrites.count(method("insert"), List.of(stored, duplicate, message(3, false))))
                .as("an insert counts what it stored, not the duplicates").isEqualTo(2);
        assertThat(MessageWrites.count(method("archive"), List.of(4L, 5L, 6L))).isEqualTo(3);
        assertThat(MessageWrites.count(method("claim"), List.of())).isZero();
        assertThat(MessageWrites.count(method("wake"), true)).isEqualTo(1);
        assertThat(MessageWrites.count(method("wake"), false)).isZero();
        assertThat(MessageWrites.count(method("replay"), Optional.of(stored))).isEqualTo(1);
        assertThat(MessageWrites.count(method("replay"), Optional.empty())).isZero();
        assertThat(MessageWrites.count(method("deleteByQueue"), 7L)).isEqualTo(7);
        assertThat(MessageWrites.count(method("listLive"), List.of(stored, stored))).as("a read").isZero();
        assertThat(MessageWrites.count(method("countByQueue"), 9L)).as("a read").isZero();
        Method otherPort = Arrays.stream(QueueTable.class.getMethods()).filter(m -> m.getReturnType() == List.class)
                .findFirst().orElseThrow();
        assertThat(MessageWrites.count(otherPort, List.of("a", "b"))).as("another port").isZero();
    }

    private static Method method(String name) {
        return Arrays.stream(MessageTable.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static Message message(long id, boolean duplicate) {
        Instant now = Instant.now();
        return new Message(id, 1, JsonNodeFactory.instance.objectNode(), now, now, 0, null, null, null, null, Map.of(), 0, null,
                duplicate);
    }
}
