package io.pgqrs.testsupport;

import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A workflow worker process for the crash tests: defines {@link ThreeStepWorkflow} under the given name on an installed
 * store and runs its worker (a 2 s lease unless told otherwise, 50 ms poll interval unless {@code PGQRS_POLL_INTERVAL_MS}
 * says otherwise) until killed. Prints {@code ready} on stdout once the worker runs. The other {@code PGQRS_*} and {@code AWS_*}
 * variables apply as usual (an S3 store reads its endpoint and cache directory from them).
 */
public final class WorkflowWorker {
    private WorkflowWorker() {
    }

    /**
     * @param args DSN, workflow name, concurrency, side-effect file, mode ({@code normal}, or {@code hang-in-two}: step
     *        two hangs after logging its start), and optionally the lease in seconds (default 2)
     * @throws Exception when the store cannot be reached or the file opened (the process exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 6 || !(args[4].equals("normal") || args[4].equals("hang-in-two"))) {
            System.err.println("usage: WorkflowWorker <dsn> <workflow> <concurrency> <side-effect file> normal|hang-in-two [lease seconds]");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        Config.Builder config = Config.load(args[0], null, null, env, null).toBuilder();
        if (!env.containsKey("PGQRS_POLL_INTERVAL_MS")) {
            config.pollInterval(Duration.ofMillis(50));
        }
        Duration lease = Duration.ofSeconds(args.length == 6 ? Long.parseLong(args[5]) : 2);
        StepLog log = new StepLog(Path.of(args[3]));
        Pgqrs pgqrs = Pgqrs.connect(config.build());
        Workflow<Integer, String> workflow = pgqrs.workflows().define(args[1], Integer.class, String.class,
                new ThreeStepWorkflow(log, args[4].equals("hang-in-two")));
        try (QueueWorker worker = workflow.worker().concurrency(Integer.parseInt(args[2])).lease(lease).start()) {
            System.out.println("ready");
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
