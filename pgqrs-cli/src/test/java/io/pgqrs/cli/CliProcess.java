package io.pgqrs.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starts the built jars as real JVMs and collects exit code, stdout and stderr. */
final class CliProcess {
    static final Path FAT_JAR = Path.of(required("pgqrs.cli.jar"));
    /** The class-data sharing archive the build makes for the fat jar. */
    static final Path ARCHIVE = Path.of(required("pgqrs.cli.archive"));
    static final Path THIN_JAR = Path.of(required("pgqrs.cli.thinJar"));
    static final Path MODULES = Path.of(required("pgqrs.cli.modules"));
    static final Path TEST_CLASSES = Path.of(required("pgqrs.cli.testClasses"));
    static final Path TEST_SUPPORT = Path.of(required("pgqrs.testSupportJar"));
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private CliProcess() {
    }

    /** @param exit exit code @param out stdout @param err stderr */
    record Result(int exit, String out, String err) {
    }

    static Result fatJar(String... args) throws Exception {
        return run(fatJarLaunch(), args);
    }

    /**
     * How the tests start the fat jar: as {@code ./pgqrs} does, with the class-data sharing archive when the build
     * made one and C1 only, so that the many short CLI processes of the tests start fast.
     */
    private static List<String> fatJarLaunch() {
        List<String> launch = new ArrayList<>(List.of("-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off", "-XX:TieredStopAtLevel=1"));
        if (Files.isRegularFile(ARCHIVE)) {
            launch.add("-XX:SharedArchiveFile=" + ARCHIVE);
        }
        launch.addAll(List.of("-jar", FAT_JAR.toString()));
        return launch;
    }

    static Result modulePath(String... args) throws Exception {
        return run(List.of("-p", MODULES + File.pathSeparator + THIN_JAR, "-m", "io.pgqrs.cli/io.pgqrs.cli.Main"), args);
    }

    static Result classPath(String... args) throws Exception {
        List<String> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(MODULES)) {
            files.map(Path::toString).sorted().forEach(jars::add);
        }
        jars.add(THIN_JAR.toString());
        return run(List.of("-cp", String.join(File.pathSeparator, jars), "io.pgqrs.cli.Main"), args);
    }

    static Result run(List<String> javaArgs, String... args) throws Exception {
        return start(javaArgs, args).await(Duration.ofMinutes(3));
    }

    /**
     * Runs the fat jar with extra environment, a working directory and standard input.
     *
     * @param env variables added to this JVM's environment (PGQRS_* of this JVM are removed first)
     * @param workDir the working directory, or null
     * @param stdin text for standard input, or null for none
     */
    static Result fatJarWith(Map<String, String> env, Path workDir, String stdin, String... args) throws Exception {
        return fatJarWithBytes(env, workDir, (stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8), args);
    }

    /** As {@link #fatJarWith}, with standard input given as raw bytes (which need not be UTF-8). */
    static Result fatJarWithBytes(Map<String, String> env, Path workDir, byte[] stdin, String... args) throws Exception {
        return withInput(new ProcessBuilder(command(fatJarLaunch(), args)), env, workDir, stdin);
    }

    /**
     * Runs the fat jar through {@code /bin/sh -c script}, for arguments a Java caller cannot pass as they are (bytes
     * that are not UTF-8): the script sees the java binary as {@code $1}, the jar as {@code $2} and {@code args}
     * after them, in a UTF-8 locale.
     */
    static Result fatJarViaShell(Map<String, String> env, Path workDir, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh", JAVA.toString(), FAT_JAR.toString()));
        command.addAll(List.of(args));
        Map<String, String> utf8 = new HashMap<>(env);
        utf8.put("LC_ALL", "C.UTF-8");
        return withInput(new ProcessBuilder(command), utf8, workDir, new byte[0]);
    }

    private static Result withInput(ProcessBuilder pb, Map<String, String> env, Path workDir, byte[] stdin) throws Exception {
        pb.environment().keySet().removeIf(k -> k.startsWith("PGQRS_"));
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Path in = Files.createTempFile("pgqrs-in", ".txt");
        Files.write(in, stdin);
        pb.redirectInput(in.toFile());
        return start(pb).await(Duration.ofMinutes(3));
    }

    /** Starts the fat jar as {@link #fatJar} does, without waiting for it: for commands that run until stopped. */
    static Running startFatJar(String... args) throws IOException {
        return start(fatJarLaunch(), args);
    }

    static Running start(List<String> javaArgs, String... args) throws IOException {
        return start(new ProcessBuilder(command(javaArgs, args)));
    }

    /**
     * Starts a JVM without waiting for it, with extra environment.
     *
     * @param env variables added to this JVM's environment (PGQRS_* of this JVM are removed first)
     */
    static Running start(List<String> javaArgs, Map<String, String> env, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(javaArgs, args));
        pb.environment().keySet().removeIf(k -> k.startsWith("PGQRS_"));
        pb.environment().putAll(env);
        return start(pb);
    }

    private static Running start(ProcessBuilder pb) throws IOException {
        Path out = Files.createTempFile("pgqrs-out", ".txt");
        Path err = Files.createTempFile("pgqrs-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Running(p, out, err);
    }

    private static List<String> command(List<String> javaArgs, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(javaArgs);
        command.addAll(List.of(args));
        return command;
    }

    /** A started JVM. */
    record Running(Process process, Path out, Path err) {
        Result await(Duration base) throws Exception {
            Duration limit = Duration.ofMillis((long) (base.toMillis() * Double.parseDouble(System.getProperty("pgqrs.test.timeoutScale", "1"))));
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("process did not finish within " + limit + "; stderr: " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new IllegalStateException("System property " + property + " is not set; run these tests with `mvn verify`");
        }
        return v;
    }
}
