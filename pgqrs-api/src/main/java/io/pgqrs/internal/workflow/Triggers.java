package io.pgqrs.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.RunRecord;
import io.pgqrs.WorkflowRecord;
import io.pgqrs.internal.Engine;
import io.pgqrs.internal.json.JsonCodec;
import java.util.Map;

/** Trigger messages and their runs: a trigger is {@code {"input": …}}; a message without that field is all input. */
public final class Triggers {
    private Triggers() {
    }

    /**
     * Enqueues a trigger {@code {"input": …}} on the workflow's queue.
     *
     * @param pgqrs the connection
     * @param workflow the workflow's name, also its queue's
     * @param input the input
     * @return the run id: the trigger message's id
     * @throws PgqrsException {@code VALIDATION_FAILED} for a null input, {@code SERIALIZATION} when Jackson cannot
     *         write it (nothing is enqueued then)
     */
    public static long enqueue(Pgqrs pgqrs, String workflow, Object input) {
        if (input == null) {
            throw PgqrsException.validationFailed("workflow input is required: trigger '" + workflow + "' with a value");
        }
        WorkflowJson.write(input, "the workflow input");
        Map<String, Object> payload = Map.of("input", JsonCodec.MAPPER.valueToTree(input));
        return Pgqrs.enqueue().message(payload).to(workflow).execute(pgqrs).get(0).id();
    }

    /**
     * @param engine the connection
     * @param workflow the trigger's workflow
     * @param trigger the trigger message
     * @return its run, created {@code QUEUED} when it does not exist yet
     */
    public static RunRecord materialise(Engine engine, WorkflowRecord workflow, Message trigger) {
        return engine.store().runs().materialise(workflow.id(), trigger.id(), input(trigger).toString(), engine.at());
    }

    /**
     * @param engine the connection
     * @param workflow the trigger's workflow
     * @param trigger the trigger message
     * @return its run, created {@code RUNNING} when it does not exist yet, started when it is {@code QUEUED}
     */
    static RunRecord materialiseStarted(Engine engine, WorkflowRecord workflow, Message trigger) {
        return engine.store().runs().materialiseStarted(workflow.id(), trigger.id(), input(trigger).toString(), engine.at());
    }

    /** @param trigger a trigger message @return its input: the payload's {@code input} field, else the whole payload */
    static JsonNode input(Message trigger) {
        JsonNode payload = trigger.payload();
        return payload.has("input") ? payload.get("input") : payload;
    }
}
