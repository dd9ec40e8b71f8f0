package io.pgqrs.testsupport;

import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * A consumer process that leases messages and then hangs until it is killed, for crash tests. Prints
 * {@code held <workerId> <id,id,…>} on stdout once it holds them.
 */
public final class HoldWorker {
    private HoldWorker() {
    }

    /**
     * @param args DSN, queue, how many messages, lease in seconds
     * @throws InterruptedException never in practice: the process is killed while it waits
     */
    public static void main(String[] args) throws InterruptedException {
        Config config = Config.builder(args[0]).build();
        Pgqrs pgqrs = Pgqrs.connect(config);
        Consumer consumer = pgqrs.consumer(args[1]);
        List<Message> held = consumer.dequeue(Integer.parseInt(args[2]), Duration.ofSeconds(Long.parseLong(args[3])));
        System.out.println("held " + consumer.id() + " " + held.stream().map(m -> String.valueOf(m.id())).collect(Collectors.joining(",")));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
