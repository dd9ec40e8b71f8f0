package io.pgqrs.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The side-effect file of the workflow crash tests: lines {@code <runId> <step> start <pid>} before a step's work and
 * {@code <runId> <step> end <pid>} after it, the pid naming the process that ran it. Each line is one write of an {@code O_APPEND} channel followed by
 * {@code force}, so lines of several threads and processes never interleave and a line written survives a kill.
 */
public final class StepLog implements AutoCloseable {
    private static final long PID = ProcessHandle.current().pid();

    private final FileChannel channel;

    /**
     * @param file the file, created when missing
     * @throws IOException when it cannot be opened
     */
    public StepLog(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Appends {@code <runId> <step> <event> <pid>} as one line.
     *
     * @param runId the run
     * @param step the step's name
     * @param event {@code start} or {@code end}
     */
    public synchronized void append(long runId, String step, String event) {
        ByteBuffer line = ByteBuffer.wrap((runId + " " + step + " " + event + " " + PID + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
