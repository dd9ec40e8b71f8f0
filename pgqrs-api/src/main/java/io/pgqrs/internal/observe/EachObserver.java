package io.pgqrs.internal.observe;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/** Tells observers one after the other; one that throws is logged and passed over, and the work it observed goes on. */
final class EachObserver {
    private EachObserver() {
    }

    /**
     * @param observers the observers, in order
     * @param log where a failing observer is reported
     * @param what the event, for the log
     * @param call tells one observer
     * @param <T> the observer type
     */
    static <T> void tell(List<T> observers, Logger log, String what, Consumer<T> call) {
        for (T observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                log.warn("Observer {} failed on {}; the work it observed is not affected", observer, what, e);
            }
        }
    }
}
