package io.pgqrs.spi;

import java.util.List;

/**
 * Creates, checks and removes the pgqrs tables: the reference layout's six ({@code pgqrs_queues}, {@code pgqrs_workers},
 * {@code pgqrs_messages}, {@code pgqrs_workflows}, {@code pgqrs_workflow_runs} and {@code pgqrs_workflow_steps}, with
 * its columns and indexes, so that a database written by either implementation can be read by the other) and
 * {@code pgqrs_message_failures} ({@code message_id}, {@code attempt}, {@code error}, {@code failed_at}; its rows go
 * when their message is deleted), which the reference neither reads nor needs.
 */
public interface SchemaAdmin {

    /**
     * Creates the tables and indexes that are missing, including the claim index on ({@code queue_id},
     * {@code vt}, {@code id}) over live messages; a no-op on an installed store.
     */
    void install();

    /**
     * @param tables table names to look for, e.g. {@code pgqrs_queues}
     * @return those of {@code tables} that do not exist (in the configured schema), in the given order
     */
    List<String> missingTables(List<String> tables);

    /** @return how many messages name a queue id that has no queue row */
    long countMessagesWithoutQueue();

    /** @return how many messages name a producer or consumer id that has no worker row */
    long countMessagesWithoutWorker();

    /** Drops the six tables, children first; a no-op when they are absent. */
    void uninstall();
}
