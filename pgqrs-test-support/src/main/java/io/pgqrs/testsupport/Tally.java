package io.pgqrs.testsupport;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, message by message, what several writers enqueued: each payload is {@code {"w": writer, "i": index}}.
 * Used by the writer-fairness test and the bench to prove that none was lost and none stored twice.
 */
public final class Tally {
    private Tally() {
    }

    /**
     * @param writer the writer's number
     * @param index the message's number within the writer
     * @return the payload to enqueue
     */
    public static Map<String, Integer> payload(int writer, int index) {
        return Map.of("w", writer, "i", index);
    }

    /**
     * Dequeues every message of {@code queue} with a long lease and says what is wrong with the tally.
     *
     * @param pgqrs a connection to the store
     * @param queue the queue
     * @param writers how many writers enqueued
     * @param each how many messages each enqueued
     * @return the problems found ("3/17 seen 2 times", "1/4 missing"); empty when every message is there once
     */
    public static List<String> problems(Pgqrs pgqrs, String queue, int writers, int each) {
        Map<String, Integer> seen = new TreeMap<>();
        try (Consumer c = pgqrs.consumer(queue)) {
            List<Message> got;
            while (!(got = c.dequeue(100, Duration.ofMinutes(10))).isEmpty()) {
                for (Message m : got) {
                    seen.merge(m.payload().get("w").asInt() + "/" + m.payload().get("i").asInt(), 1, Integer::sum);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < each; i++) {
                Integer n = seen.remove(w + "/" + i);
                if (n == null) {
                    problems.add(w + "/" + i + " missing");
                } else if (n != 1) {
                    problems.add(w + "/" + i + " seen " + n + " times");
                }
            }
        }
        seen.forEach((key, n) -> problems.add(key + " unexpected, seen " + n + " times"));
        return problems;
    }
}
