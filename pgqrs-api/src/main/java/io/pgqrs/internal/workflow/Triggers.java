package io.pgqrs.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Message;
import io.pgqrs.RunRecord;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.internal.Engine;

/** Trigger messages and their runs: a trigger is {@code {"input": …}}; a message without that field is all input. */
public final class Triggers {
    private Triggers() {
    }

    /**
     * @param engine the connection
     * @param workflow the trigger's workflow
     * @param trigger the trigger message
     * @return its run, created {@code QUEUED} when it does not exist yet
     */
    public static RunRecord materialise(Engine engine, WorkflowRecord workflow, Message trigger) {
        JsonNode payload = trigger.payload();
        String input = (payload.has("input") ? payload.get("input") : payload).toString();
        return engine.store().runs().materialise(workflow.id(), trigger.id(), input, engine.at());
    }
}
