package io.pgqrs.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.pgqrs.tck.TestEnvironment;

/**
 * One {@code io.pgqrs.testsupport.WorkflowWorker} process: started from the CLI jar and the test-support jar, ready
 * once it printed {@code ready}; closing it kills it (and anything it started) if it still runs.
 */
final class WorkflowWorkerJvm implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final CliProcess.Running process;

    private WorkflowWorkerJvm(CliProcess.Running process) {
        this.process = process;
    }

    /**
     * Starts a worker and waits until it runs.
     *
     * @param env extra environment (S3 endpoint, cache directory), may be empty
     * @param dsn the store, installed
     * @param workflow the workflow's name
     * @param concurrency its handler threads
     * @param sideEffects the side-effect file
     * @param mode {@code normal} or {@code hang-in-two}
     * @param lease the lease of its deliveries, whole seconds
     * @return the running worker
     */
    static WorkflowWorkerJvm start(Map<String, String> env, String dsn, String workflow, int concurrency, Path sideEffects,
                                   String mode, Duration lease) throws Exception {
        List<String> classPath = List.of("-cp", CliProcess.FAT_JAR + File.pathSeparator + CliProcess.TEST_SUPPORT,
                "io.pgqrs.testsupport.WorkflowWorker");
        WorkflowWorkerJvm jvm = new WorkflowWorkerJvm(CliProcess.start(classPath, env, dsn, workflow,
                Integer.toString(concurrency), sideEffects.toString(), mode, Long.toString(lease.toSeconds())));
        try {
            jvm.awaitReady();
        } catch (Exception | AssertionError e) {
            jvm.close();
            throw e;
        }
        return jvm;
    }

    private void awaitReady() throws Exception {
        TestEnvironment.awaitTrue("the workflow worker to print 'ready'", READY_WITHIN, () -> {
            if (!process.process().isAlive()) {
                throw new AssertionError("the workflow worker exited with " + process.process().exitValue() + ": " + stderr());
            }
            return stdout().lines().anyMatch("ready"::equals);
        });
    }

    /** @return its pid */
    long pid() {
        return process.process().pid();
    }

    /** @return whether it still runs */
    boolean isAlive() {
        return process.process().isAlive();
    }

    /** Kills it and its descendants at once (SIGKILL: no shutdown hook, no lease given back) and waits for its end. */
    void kill() throws InterruptedException {
        process.process().descendants().forEach(ProcessHandle::destroyForcibly);
        process.process().destroyForcibly();
        if (!process.process().waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the workflow worker " + pid() + " did not die within 30 s");
        }
    }

    /** @return what it wrote on stderr so far, for failure messages */
    String stderr() {
        return read(process.err());
    }

    private String stdout() {
        return read(process.out());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }
}
