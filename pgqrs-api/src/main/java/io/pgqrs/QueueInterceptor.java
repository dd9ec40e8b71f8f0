package io.pgqrs;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An observer that also wraps the work it observes, for tracing (the {@code pgqrs-opentelemetry} module is one):
 * register it like any observer, with {@link Config.Builder#observer}; the connection sees that it is an interceptor.
 *
 * <p>Rules, the same for every method:
 * <ul>
 *   <li>Each method must call its {@code proceed} argument exactly once, on the calling thread, and return (or throw)
 *       what that call returned (or threw). The defaults do only that.</li>
 *   <li>Unlike an observer's notifications, a method that throws fails the call it wraps: let only the wrapped work's
 *       own exceptions out.</li>
 *   <li>Several interceptors nest in the order they were registered: the first one is outermost.</li>
 *   <li>With no interceptor registered nothing is wrapped, so the cost is nil.</li>
 * </ul>
 */
public interface QueueInterceptor extends QueueObserver {

    /**
     * Wraps one enqueue call (a single message or a batch) around its store write; it may add headers, e.g. a trace
     * context, which every message of the call gets.
     *
     * @param queue the queue
     * @param headers the caller's headers (unmodifiable, possibly empty)
     * @param proceed writes the messages with the headers it is given (they are validated as
     *        {@link EnqueueOptions#withHeader} does) and returns the stored messages
     * @return what {@code proceed} returned
     */
    default List<Message> aroundEnqueue(String queue, Map<String, String> headers,
                                        Function<Map<String, String>, List<Message>> proceed) {
        return proceed.apply(headers);
    }

    /**
     * Wraps one call of a {@link QueueWorker}'s handler (a message, or a batch for a batch handler). A
     * {@link PostponeMessage} thrown by {@code proceed} is a wait, not a failure.
     *
     * @param queue the queue
     * @param messages the messages the handler is given
     * @param proceed runs the handler
     * @throws Exception what the handler threw
     */
    default void aroundHandler(String queue, List<Message> messages, Handling proceed) throws Exception {
        proceed.run();
    }

    /**
     * Wraps one execution of a workflow run's function (a run executes again after a sleep, a step's retry or a crash).
     * A {@link PostponeMessage} thrown by {@code proceed} is a wait, not a failure.
     *
     * @param workflow the workflow's name
     * @param runId the run's id
     * @param proceed executes the run: runs the function and records its output (a cancelled run returns normally)
     * @throws Exception what the function threw; the connection records it as the run's failure afterwards
     */
    default void aroundRun(String workflow, long runId, Handling proceed) throws Exception {
        proceed.run();
    }

    /**
     * Wraps one execution of a workflow step, including one that returns its recorded result without running its
     * body. A {@link PostponeMessage} thrown by {@code proceed} is a wait (the step failed and retries later, or must
     * wait for its retry).
     *
     * @param <T> the step's result type
     * @param workflow the workflow's name
     * @param runId the run's id
     * @param step the step's name
     * @param replayed whether the step succeeded before, so its recorded result is returned and its body not run
     * @param proceed executes the step
     * @return what {@code proceed} returned
     */
    default <T> T aroundStep(String workflow, long runId, String step, boolean replayed, Supplier<T> proceed) {
        return proceed.get();
    }

    /** Wrapped work that may throw a checked exception: a handler's call or a run's execution. */
    @FunctionalInterface
    interface Handling {
        /** @throws Exception what the work threw */
        void run() throws Exception;
    }
}
