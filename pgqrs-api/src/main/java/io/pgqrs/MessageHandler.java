package io.pgqrs;

import java.util.List;

/**
 * Work done by a poll loop on each batch ({@link Consumer#poll(int, MessageHandler)}). Returning
 * normally archives the whole batch; throwing releases it with a back-off so it is retried later.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * @param batch one or more leased messages, in FIFO order
     * @throws Exception to have the batch released and retried
     */
    void handle(List<Message> batch) throws Exception;
}
