package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the real jar, on one SQLite file shared by the class: each refusal is one line on stderr
 * with the documented exit code, and leaves nothing behind (no message, no worker row).
 */
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "q";

    @TempDir
    static Path dir;

    @BeforeAll
    static void installWithOneQueue() throws Exception {
        assertThat(pgqrs("admin", "install").exit()).isZero();
        assertThat(pgqrs("queue", "create", QUEUE).exit()).isZero();
    }

    /** Content after the JSON value, and an empty payload, are refused as malformed JSON is. */
    @Test
    void payloadMustBeExactlyOneJsonValue() throws Exception {
        assertUsageError(pgqrs("message", "enqueue", QUEUE, "{\"a\":1} trailing"), "content after its JSON value, at character 7");
        assertUsageError(pgqrs("message", "enqueue", QUEUE, "{\"a\":1}{\"b\":2}"), "content after its JSON value");
        assertUsageError(withStdin(new byte[0], "message", "enqueue", QUEUE, "-"), "payload is empty");
        assertUsageError(withStdin(" \n".getBytes(StandardCharsets.US_ASCII), "message", "enqueue", QUEUE), "payload is empty");
        assertThat(json("queue", "messages", QUEUE)).as("nothing stored").isEmpty();
    }

    /** Bytes that are not UTF-8 are refused with their byte offset, on stdin and as an argument. */
    @Test
    void invalidUtf8IsRefusedWithItsByteOffset() throws Exception {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertUsageError(withStdin(bad, "message", "enqueue", QUEUE, "-"), "not valid UTF-8 at byte offset 6");
        CliProcess.Result arg = CliProcess.fatJarViaShell(Map.of(), dir,
                "exec \"$1\" -jar \"$2\" --dsn \"$3\" message enqueue q \"$(printf '{\"a\":\"\\303\\251\\377\"}')\"", dsn());
        assertUsageError(arg, "payload argument is not valid UTF-8 at byte offset 8");
        assertThat(json("queue", "messages", QUEUE)).as("nothing stored").isEmpty();
    }

    /** Names with a no-break space, a zero-width space or a right-to-left override are refused, naming the code point. */
    @Test
    void queueNamesWithInvisibleCharactersAreRefused() throws Exception {
        for (String name : List.of("q\u00a0x", "q\u200b", "q\u202ex")) {
            CliProcess.Result r = pgqrs("queue", "create", name);
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err().strip()).containsPattern("U\\+(00A0|200B|202E)").doesNotContain("\n");
        }
        assertThat(json("queue", "list")).extracting(q -> q.get("queue_name").asText()).containsExactly(QUEUE);
    }

    /** A refused dequeue or enqueue is a usage error and registers no worker: the worker count stays where it was. */
    @Test
    void refusedRequestsRegisterNoWorker() throws Exception {
        long workers = json("admin", "stats").get("total_workers").asLong();
        for (List<String> dequeue : List.of(List.of("--batch", "0"), List.of("--batch", "-1"), List.of("--batch", "100000"),
                List.of("--vt", "0s"), List.of("--vt", "500ms"))) {
            List<String> args = new ArrayList<>(List.of("message", "dequeue", QUEUE));
            args.addAll(dequeue);
            assertUsageError(pgqrs(args.toArray(String[]::new)), dequeue.get(0).equals("--batch") ? "Batch size" : "Lease");
        }
        assertUsageError(pgqrs("message", "enqueue", QUEUE, "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":1}}}}}}"), "depth");
        assertUsageError(pgqrs("message", "enqueue", QUEUE, "\"" + "x".repeat(1100) + "\"", "--delay", "1s"), "String length 1100");
        assertUsageError(run(Map.of("PGQRS_VALIDATION_CONFIG", "{\"max_payload_size_bytes\": 16}"), new byte[0],
                "message", "enqueue", QUEUE, "{\"text\":\"more than sixteen bytes\"}"), "exceeds limit 16");
        assertThat(json("admin", "stats").get("total_workers").asLong()).isEqualTo(workers);
    }

    /** Refused settings of `worker run` are usage errors found before the worker starts: no worker row is left. */
    @Test
    void refusedWorkerRunRegistersNoWorker() throws Exception {
        long workers = json("admin", "stats").get("total_workers").asLong();
        Map<List<String>, String> refusals = Map.of(
                List.of(), "No command to run",
                List.of("--"), "No command to run",
                List.of("--", "no-such-program-pgqrs"), "Command 'no-such-program-pgqrs' is not an executable file on PATH",
                List.of("--concurrency", "0", "--", "true"), "Concurrency must be at least 1",
                List.of("--prefetch=-1", "--", "true"), "prefetch between 0 and 1000 deliveries, got -1",
                List.of("--max-attempts", "0", "--", "true"), "Max attempts must be at least 1",
                List.of("--max-attempts", "6", "--", "true"), "max_read_ct = 5",
                List.of("--lease", "500ms", "--", "true"), "Lease",
                List.of("--retry-delay", "10s", "--retry-max", "1s", "--", "true"), "Retry cap",
                List.of("--until-idle", "0s", "--", "true"), "--until-idle must be positive");
        for (Map.Entry<List<String>, String> refusal : refusals.entrySet()) {
            List<String> args = new ArrayList<>(List.of("worker", "run", QUEUE));
            args.addAll(refusal.getKey());
            assertUsageError(pgqrs(args.toArray(String[]::new)), refusal.getValue());
        }
        CliProcess.Result unknownQueue = pgqrs("worker", "run", "nope", "--", "true");
        assertThat(unknownQueue.exit()).as(unknownQueue.err()).isEqualTo(1);
        assertThat(unknownQueue.err().strip()).startsWith("pgqrs: Queue 'nope' not found").doesNotContain("\n");
        assertThat(json("admin", "stats").get("total_workers").asLong()).isEqualTo(workers);
    }

    /** A sub-second delay is refused rather than cut to whole seconds. */
    @Test
    void subSecondDelayIsRefused() throws Exception {
        assertUsageError(pgqrs("message", "enqueue", QUEUE, "{}", "--delay", "1500ms"), "Delay must be a whole number of seconds");
        assertThat(json("queue", "messages", QUEUE)).isEmpty();
    }

    /** An unknown output format is a usage error naming the formats there are; case does not matter. */
    @Test
    void unknownFormatIsRefused() throws Exception {
        assertUsageError(pgqrs("--format", "xml", "queue", "list"), "expected one of [table, json]");
        assertThat(pgqrs("--format", "JSON", "queue", "list").exit()).isZero();
    }

    /** picocli's own usage errors are one line too: the pointer to --help is on it, not on a second line. */
    @Test
    void usageErrorsAreOneLine() throws Exception {
        assertUsageError(pgqrs("queue", "create"), "Missing required parameter: 'NAME' (see 'pgqrs queue create --help')");
        assertUsageError(pgqrs("message", "dequeue", QUEUE, "--batch", "many"), "--batch");
    }

    private static void assertUsageError(CliProcess.Result r, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("pgqrs: ").contains(expected).doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    private static String dsn() {
        return "sqlite:" + dir.resolve("input.db");
    }

    private static CliProcess.Result pgqrs(String... args) throws Exception {
        return withStdin(new byte[0], args);
    }

    private static CliProcess.Result withStdin(byte[] stdin, String... args) throws Exception {
        return run(Map.of(), stdin, args);
    }

    private static CliProcess.Result run(Map<String, String> env, byte[] stdin, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--dsn", dsn()));
        all.addAll(List.of(args));
        return CliProcess.fatJarWithBytes(env, dir, stdin, all.toArray(String[]::new));
    }

    private static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--format", "json"));
        all.addAll(List.of(args));
        CliProcess.Result r = pgqrs(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }
}
