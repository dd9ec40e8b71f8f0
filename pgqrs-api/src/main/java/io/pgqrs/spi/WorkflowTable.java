package io.pgqrs.spi;

import io.pgqrs.WorkflowRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage steps on {@code pgqrs_workflows}, each atomic. "Now" is {@code at} or, when null, the store's clock. */
public interface WorkflowTable {

    /**
     * @param name a unique workflow name
     * @param queueId its queue, which must exist
     * @param at the time, or null
     * @return the new definition, or empty when the name is taken (nothing is changed then)
     */
    Optional<WorkflowRecord> insert(String name, long queueId, Instant at);

    /**
     * Looks a workflow definition up by name.
     *
     * @param name a workflow name
     * @return its definition, if any
     */
    Optional<WorkflowRecord> findByName(String name);

    /** @return every definition, by name */
    List<WorkflowRecord> list();
}
