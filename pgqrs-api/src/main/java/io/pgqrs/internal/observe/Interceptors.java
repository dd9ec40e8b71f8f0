package io.pgqrs.internal.observe;

import io.pgqrs.Message;
import io.pgqrs.QueueInterceptor;
import io.pgqrs.QueueObserver;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The observers of a connection that are also {@link QueueInterceptor}s, nested as one (the first registered is
 * outermost); with none, each method only calls what it wraps.
 */
public final class Interceptors {
    private final List<QueueInterceptor> interceptors;

    /** @param observers every observer of the connection, in the order they were registered */
    public Interceptors(List<QueueObserver> observers) {
        this.interceptors = observers.stream().filter(QueueInterceptor.class::isInstance)
                .map(QueueInterceptor.class::cast).toList();
    }

    /** As {@link QueueInterceptor#aroundEnqueue}, through every interceptor. */
    public List<Message> aroundEnqueue(String queue, Map<String, String> headers,
                                       Function<Map<String, String>, List<Message>> proceed) {
        Function<Map<String, String>, List<Message>> call = proceed;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            QueueInterceptor outer = interceptors.get(i);
            Function<Map<String, String>, List<Message>> inner = call;
            call = h -> outer.aroundEnqueue(queue, h, inner);
        }
        return call.apply(headers);
    }

    /** As {@link QueueInterceptor#aroundHandler}, through every interceptor. */
    public void aroundHandler(String queue, List<Message> messages, QueueInterceptor.Handling proceed) throws Exception {
        nest(proceed, (outer, inner) -> outer.aroundHandler(queue, messages, inner)).run();
    }

    /** As {@link QueueInterceptor#aroundRun}, through every interceptor. */
    public void aroundRun(String workflow, long runId, QueueInterceptor.Handling proceed) throws Exception {
        nest(proceed, (outer, inner) -> outer.aroundRun(workflow, runId, inner)).run();
    }

    /** As {@link QueueInterceptor#aroundStep}, through every interceptor. */
    public <T> T aroundStep(String workflow, long runId, String step, boolean replayed, Supplier<T> proceed) {
        Supplier<T> call = proceed;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            QueueInterceptor outer = interceptors.get(i);
            Supplier<T> inner = call;
            call = () -> outer.aroundStep(workflow, runId, step, replayed, inner);
        }
        return call.get();
    }

    /** Wraps {@code proceed} in every interceptor, the first registered outermost. */
    private QueueInterceptor.Handling nest(QueueInterceptor.Handling proceed, Wrap wrap) {
        QueueInterceptor.Handling call = proceed;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            QueueInterceptor outer = interceptors.get(i);
            QueueInterceptor.Handling inner = call;
            call = () -> wrap.around(outer, inner);
        }
        return call;
    }

    /** One interceptor's method around the work inside it. */
    @FunctionalInterface
    private interface Wrap {
        void around(QueueInterceptor outer, QueueInterceptor.Handling inner) throws Exception;
    }
}
