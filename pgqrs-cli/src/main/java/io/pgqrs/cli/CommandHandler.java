package io.pgqrs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgqrs.Message;
import io.pgqrs.MessageProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handler of {@code pgqrs worker run}: starts a command per message (no shell), writes the payload's compact JSON
 * as one line to its stdin and closes it. Exit 0 is a success; a command that cannot start or exits otherwise is a
 * {@link CommandFailure} carrying the exit code and the end of its stderr. The command's stdout and stderr go to the
 * CLI's stderr, never to its stdout. Its environment adds {@code PGQRS_MESSAGE_ID}, {@code PGQRS_QUEUE} and
 * {@code PGQRS_READ_CT}. When the handler thread is interrupted (shutdown or handler timeout), the command and its
 * descendants are killed.
 */
final class CommandHandler implements MessageProcessor, AutoCloseable {
    /** How much of the end of a failed command's stderr its failure keeps. */
    static final int STDERR_TAIL_CHARS = 2048;
    /** How long to wait, after the command exited, for its output to be copied: a descendant may hold the pipes. */
    private static final long PIPE_DRAIN_MILLIS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PIPE_THREADS = new AtomicInteger();

    private final List<String> command;
    private final String queue;
    private final PrintWriter log;
    private final ExecutorService pipes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pgqrs-command-pipe-" + PIPE_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /**
     * @param command the program and its arguments
     * @param queue the queue, for the command's environment
     * @param log where the command's output goes (the CLI's stderr)
     */
    CommandHandler(List<String> command, String queue, PrintWriter log) {
        this.command = List.copyOf(command);
        this.queue = queue;
        this.log = log;
    }

    @Override
    public void process(Message message) throws Exception {
        Process child = start(message);
        byte[] input = stdin(message);
        pipes.execute(() -> feed(child, input));
        Future<?> out = pipes.submit(new ChildOutput(child.getInputStream(), log, 0));
        ChildOutput stderr = new ChildOutput(child.getErrorStream(), log, STDERR_TAIL_CHARS);
        Future<?> err = pipes.submit(stderr);
        int exit;
        try {
            exit = child.waitFor();
            drain(out);
            drain(err);
        } catch (InterruptedException e) {
            kill(child);
            throw e;
        }
        if (exit != 0) {
            throw CommandFailure.exited(exit, stderr.tail());
        }
    }

    private Process start(Message message) throws CommandFailure {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("PGQRS_MESSAGE_ID", Long.toString(message.id()));
        env.put("PGQRS_QUEUE", queue);
        env.put("PGQRS_READ_CT", Integer.toString(message.readCt()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new CommandFailure("command could not start: " + e.getMessage());
        }
    }

    private static byte[] stdin(Message message) throws JsonProcessingException {
        return (JSON.writeValueAsString(message.payload()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the payload on a pipe thread: a command that does not read its stdin must not block the handler. */
    private static void feed(Process child, byte[] input) {
        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write(input);
        } catch (IOException e) {
            // The command exited or closed its stdin without reading it all: its exit code says how it went.
        }
    }

    private static void drain(Future<?> copy) throws InterruptedException {
        try {
            copy.get(PIPE_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A descendant of the command still holds the pipe; the output copied so far is all the failure keeps.
        } catch (ExecutionException e) {
            throw new IllegalStateException("copying the command's output failed", e.getCause());
        }
    }

    /** Kills the command and its descendants, which are listed first: once it is gone they are no longer its own. */
    private static void kill(Process child) {
        List<ProcessHandle> descendants = child.descendants().toList();
        child.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Stops the pipe threads; call after the worker closed. */
    @Override
    public void close() {
        pipes.shutdownNow();
    }
}
