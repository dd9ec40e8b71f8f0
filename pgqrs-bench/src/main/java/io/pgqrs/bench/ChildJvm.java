package io.pgqrs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Another JVM on this bench's class path, running one of its mains: a producer or writer of its own process. */
final class ChildJvm {
    private final Process process;
    private final String main;

    private ChildJvm(Process process, String main) {
        this.process = process;
        this.main = main;
    }

    /**
     * @param main the class whose {@code main} runs
     * @param environment variables added to this process's
     * @param args its arguments
     * @return the running process; its stderr goes to this process's
     */
    static ChildJvm start(Class<?> main, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(environment);
        try {
            return new ChildJvm(pb.start(), main.getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + main.getSimpleName(), e);
        }
    }

    /**
     * @param minutes how long to wait at most
     * @return what the process printed on stdout
     * @throws IllegalStateException when it fails or does not finish in time
     */
    String await(int minutes) throws InterruptedException {
        String out;
        try {
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(main + " did not finish in " + minutes + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(main + " exited with " + process.exitValue());
        }
        return out;
    }
}
