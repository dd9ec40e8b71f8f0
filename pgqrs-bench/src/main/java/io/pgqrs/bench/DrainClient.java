package io.pgqrs.bench;

import java.util.List;

/** One consumer's view in the drain: the library, or the raw driver for the ceiling. */
interface DrainClient extends AutoCloseable {

    /** @param batch at most this many @return ids of the leased messages */
    List<Long> claim(int batch) throws Exception;

    /**
     * Archives the messages, or deletes them if the client was opened for the delete scenario.
     *
     * @param ids messages this client leased
     */
    void acknowledge(List<Long> ids) throws Exception;

    /**
     * Archives a finished batch and leases the next in one transaction (one commit).
     *
     * @param ids messages this client leased
     * @param batch at most this many to lease
     * @return ids of the newly leased messages
     */
    List<Long> archiveAndClaim(List<Long> ids, int batch) throws Exception;

    @Override
    void close() throws Exception;
}
