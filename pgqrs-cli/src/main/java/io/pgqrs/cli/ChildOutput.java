package io.pgqrs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Copies one output stream of a child process, line by line, to the CLI's stderr (a line is never split by another
 * child's), keeping the last characters it copied when asked to.
 */
final class ChildOutput implements Runnable {
    private final InputStream from;
    private final PrintWriter to;
    private final int keep;
    private final StringBuilder tail = new StringBuilder();

    /**
     * @param from the child's stdout or stderr
     * @param to where its lines go
     * @param keep how many of the last characters to keep for {@link #tail()}; 0 for none
     */
    ChildOutput(InputStream from, PrintWriter to, int keep) {
        this.from = from;
        this.to = to;
        this.keep = keep;
    }

    @Override
    public void run() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (to) {
                    to.println(line);
                    to.flush();
                }
                remember(line);
            }
        } catch (IOException e) {
            // The pipe was closed under the reader: the child was killed; what was read so far stays in the tail.
        }
    }

    /** @return the last characters copied so far, at most the number asked for */
    synchronized String tail() {
        return tail.toString();
    }

    private synchronized void remember(String line) {
        if (keep == 0) {
            return;
        }
        tail.append(line).append('\n');
        if (tail.length() > keep) {
            tail.delete(0, tail.length() - keep);
        }
    }
}
