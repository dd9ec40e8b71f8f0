package io.pgqrs.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.pgqrs.PostponeMessage;
import io.pgqrs.QueueInterceptor;
import java.util.function.Supplier;

/**
 * Runs work with a started span current and ends the span with the work's outcome: a wait ({@link PostponeMessage})
 * is an event, anything else thrown is an error with the exception recorded.
 */
final class InSpan {
    private InSpan() {
    }

    static void run(Span span, QueueInterceptor.Handling work) throws Exception {
        Throwable thrown = null;
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } catch (Exception | Error e) {
            thrown = e;
            throw e;
        } finally {
            end(span, thrown);
        }
    }

    static <T> T get(Span span, Supplier<T> work) {
        Throwable thrown = null;
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            thrown = e;
            throw e;
        } finally {
            end(span, thrown);
        }
    }

    private static void end(Span span, Throwable thrown) {
        if (thrown instanceof PostponeMessage postponed) {
            span.addEvent("pgqrs.postponed", Attributes.of(SpanAttributes.POSTPONE_REASON, String.valueOf(postponed.getMessage())));
        } else if (thrown != null) {
            span.recordException(thrown);
            span.setStatus(StatusCode.ERROR, thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
        }
        span.end();
    }
}
