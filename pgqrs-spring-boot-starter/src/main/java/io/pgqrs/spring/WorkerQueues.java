package io.pgqrs.spring;

import io.pgqrs.Admin;
import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every worker's queue exists before any worker starts: creates it when {@code pgqrs.create-queues=true},
 * else fails naming the queue, where it was declared and the property.
 */
final class WorkerQueues {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerQueues.class);

    private final Admin admin;
    private final boolean create;

    WorkerQueues(Admin admin, boolean create) {
        this.admin = admin;
        this.create = create;
    }

    /** @param definitions the workers about to start */
    void ensure(List<PgqrsWorkerDefinition> definitions) {
        Map<String, String> sourceOfQueue = new LinkedHashMap<>();
        definitions.forEach(d -> sourceOfQueue.putIfAbsent(d.queue(), d.source()));
        sourceOfQueue.forEach(this::ensure);
    }

    private void ensure(String queue, String source) {
        try {
            admin.getQueue(queue);
        } catch (PgqrsException e) {
            if (e.kind() != ErrorKind.QUEUE_NOT_FOUND) {
                throw diagnose(e);
            }
            if (!create) {
                throw new IllegalStateException("pgqrs queue '" + queue + "' of " + source + " does not exist: "
                        + "create it (pgqrs queue create " + queue + ") or set pgqrs.create-queues=true", e);
            }
            createRacing(queue);
        }
    }

    /** A store without its tables fails the lookup with a driver error: say what is missing and how to install. */
    private RuntimeException diagnose(PgqrsException lookupFailure) {
        try {
            admin.verify();
        } catch (PgqrsException schema) {
            if (schema.kind() == ErrorKind.SCHEMA_VALIDATION) {
                return new IllegalStateException("pgqrs tables are not ready: " + schema.getMessage()
                        + " (or set pgqrs.install-on-startup=true)", schema);
            }
        }
        return lookupFailure;
    }

    /** Another instance of the application may create it at the same moment: that is fine. */
    private void createRacing(String queue) {
        try {
            admin.createQueue(queue);
            LOG.info("pgqrs queue '{}' created (pgqrs.create-queues=true)", queue);
        } catch (PgqrsException e) {
            if (e.kind() != ErrorKind.QUEUE_ALREADY_EXISTS) {
                throw e;
            }
        }
    }
}
