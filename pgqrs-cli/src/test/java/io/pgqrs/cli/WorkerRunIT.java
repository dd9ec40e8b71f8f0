package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.test.TestQueues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import io.pgqrs.tck.TestEnvironment;

/**
 * {@code pgqrs worker run} and the one-shot message commands, from the jar as separate processes. TestQueues makes
 * and fills each store; its clock stands still at the test's start, which only makes the messages ready for the CLI
 * processes (they use real time). Assertions go through a fresh connection on the real clock.
 */
class WorkerRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "q";
    /** Fails messages whose payload says "fail" (exit 3, a line on stderr); prints a line on stdout for the others. */
    private static final String HANDLER = """
            read line
            case "$line" in
              *fail*) echo "bad payload $PGQRS_QUEUE/$PGQRS_MESSAGE_ID attempt $PGQRS_READ_CT" >&2; exit 3;;
            esac
            echo "handled $PGQRS_MESSAGE_ID"
            """;

    /**
     * 200 messages, 20 of which fail: the others end archived, the failing ones dead letters after two attempts with
     * both failures recorded, and the summary's counts say so.
     */
    @Test
    void runsTheCommandPerMessageUntilIdle() throws Exception {
        try (TestQueues queues = TestQueues.embedded().createQueues(QUEUE)) {
            List<Map<String, Object>> payloads = IntStream.range(0, 200)
                    .mapToObj(n -> Map.<String, Object>of("n", n, "kind", n % 10 == 0 ? "fail" : "ok")).toList();
            List<Long> ids = new ArrayList<>();
            for (int from = 0; from < payloads.size(); from += 100) {
                Pgqrs.enqueue().messages(payloads.subList(from, from + 100)).to(QUEUE).execute(queues.pgqrs())
                        .forEach(m -> ids.add(m.id()));
            }
            Set<Long> failing = IntStream.range(0, 200).filter(n -> n % 10 == 0).mapToObj(ids::get).collect(Collectors.toSet());

            CliProcess.Result run = pgqrs(queues.dsn(), "--format", "json", "worker", "run", QUEUE, "--concurrency", "4",
                    "--max-attempts", "2", "--retry-delay", "1s", "--retry-max", "1s", "--until-idle", "3s", "--", "sh", "-c", HANDLER);

            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode summary = JSON.readTree(run.out());
            assertThat(summary.get("succeeded").asLong()).isEqualTo(180);
            assertThat(summary.get("retried").asLong()).isEqualTo(20);
            assertThat(summary.get("dead_lettered").asLong()).isEqualTo(20);
            assertThat(summary.get("handled").asLong()).isEqualTo(220);
            assertThat(summary.get("seconds").asDouble()).isPositive();
            assertThat(run.err()).as("the commands' stdout and stderr go to stderr")
                    .contains("handled " + ids.get(1)).contains("bad payload q/" + ids.get(0) + " attempt 2");
            try (Pgqrs pgqrs = Pgqrs.connect(queues.dsn())) {
                assertThat(pgqrs.admin().listMessages(QUEUE)).as("nothing left live").isEmpty();
                assertThat(pgqrs.admin().listDeadLetters(QUEUE)).extracting(Message::id).containsExactlyInAnyOrderElementsOf(failing);
                assertThat(pgqrs.admin().queueMetrics(QUEUE).archivedMessages()).isEqualTo(200);
            }

            long dead = ids.get(0);
            JsonNode failures = json(queues.dsn(), "message", "failures", Long.toString(dead));
            assertThat(failures).extracting(f -> f.get("attempt").asInt()).containsExactly(1, 2);
            assertThat(failures.get(1).get("error").asText()).isEqualTo("command exited with 3: bad payload q/" + dead + " attempt 2");
            CliProcess.Result table = pgqrs(queues.dsn(), "message", "failures", Long.toString(dead));
            assertThat(table.out()).contains("| attempt |").contains("command exited with 3: bad payload q/" + dead + " attempt 1");

            JsonNode dlq = json(queues.dsn(), "queue", "dlq", QUEUE);
            assertThat(dlq).hasSize(20);
            assertThat(dlq).allSatisfy(d -> assertThat(d.get("last_error").asText()).startsWith("command exited with 3: bad payload")
                    .endsWith("attempt 2"));
            assertThat(pgqrs(queues.dsn(), "queue", "dlq", QUEUE).out()).contains("last_error").contains("| " + dead + " ");
        }
    }

    /**
     * A worker JVM killed (SIGKILL, its commands too) while it holds messages: they come back when its lease runs out,
     * not before, and a second worker handles each of them once.
     */
    @Test
    void messagesOfAKilledWorkerComeBackAfterTheLease() throws Exception {
        try (TestQueues queues = TestQueues.embedded().createQueues(QUEUE)) {
            List<Map<String, Integer>> payloads = IntStream.range(0, 6).mapToObj(n -> Map.of("n", n)).toList();
            Pgqrs.enqueue().messages(payloads).to(QUEUE).execute(queues.pgqrs());
            CliProcess.Running first = CliProcess.startFatJar("--dsn", queues.dsn(), "worker", "run", QUEUE,
                    "--concurrency", "6", "--lease", "2s", "--", "sh", "-c", "sleep 600");
            Map<Long, Message> held;
            try (Pgqrs pgqrs = Pgqrs.connect(queues.dsn())) {
                TestEnvironment.awaitTrue("the first worker holds all 6 messages and runs their commands", Duration.ofSeconds(30), () -> pgqrs.admin().listMessages(QUEUE).stream().allMatch(m -> m.readCt() == 1)
                                && first.process().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")).count() == 6);
                held = pgqrs.admin().listMessages(QUEUE).stream().collect(Collectors.toMap(Message::id, m -> m));
            }
            List<ProcessHandle> commands = first.process().descendants().toList();
            first.process().destroyForcibly();
            commands.forEach(ProcessHandle::destroyForcibly);
            assertThat(first.process().waitFor()).isEqualTo(137);

            CliProcess.Result second = pgqrs(queues.dsn(), "--format", "json", "worker", "run", QUEUE, "--until-idle", "5s", "--", "true");

            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(JSON.readTree(second.out()).get("succeeded").asLong()).isEqualTo(6);
            try (Pgqrs pgqrs = Pgqrs.connect(queues.dsn())) {
                assertThat(pgqrs.admin().listMessages(QUEUE)).as("none left live").isEmpty();
                assertThat(pgqrs.admin().queueMetrics(QUEUE).archivedMessages()).isEqualTo(6);
                for (Message before : held.values()) {
                    Message after = pgqrs.admin().getMessage(before.id());
                    assertThat(after.readCt()).as("delivered once by each worker").isEqualTo(2);
                    assertThat(after.consumerWorkerId()).isNotEqualTo(before.consumerWorkerId());
                    // The command `true` ends at once: a message taken before the lease ran out would be archived before too.
                    assertThat(after.archivedAt()).as("taken again only after the killed worker's lease").isAfterOrEqualTo(before.vt());
                }
            }
        }
    }

    /** One-shot enqueues and dequeues leave one shared producer row and no active consumer; archive still works. */
    @Test
    void messageCommandsLeaveNoWorkerRowPerCall() throws Exception {
        try (TestQueues queues = TestQueues.embedded().createQueues(QUEUE)) {
            List<Long> dequeued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                assertThat(json(queues.dsn(), "message", "enqueue", QUEUE, "{\"n\":" + i + "}").get("id").asLong()).isPositive();
                JsonNode leased = json(queues.dsn(), "message", "dequeue", QUEUE, "--vt", "60s");
                assertThat(leased).hasSize(1);
                dequeued.add(leased.get(0).get("id").asLong());
            }
            assertThat(json(queues.dsn(), "message", "dequeue", QUEUE)).as("nothing left to lease").isEmpty();

            JsonNode workers = json(queues.dsn(), "worker", "list");
            List<JsonNode> producers = new ArrayList<>();
            workers.forEach(w -> {
                if (w.get("name").asText().contains("producer")) {
                    producers.add(w);
                }
            });
            assertThat(producers).hasSize(1);
            assertThat(workers).filteredOn(w -> !w.get("name").asText().contains("producer"))
                    .hasSize(5).allSatisfy(w -> assertThat(w.get("status").asText()).isEqualTo("Stopped"));

            JsonNode archived = json(queues.dsn(), "message", "archive", Long.toString(dequeued.get(0)));
            assertThat(archived.get("archived").asBoolean()).isTrue();
            try (Pgqrs pgqrs = Pgqrs.connect(queues.dsn())) {
                assertThat(pgqrs.admin().getMessage(dequeued.get(0)).isArchived()).isTrue();
            }
        }
    }

    private static CliProcess.Result pgqrs(String dsn, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--dsn", dsn));
        all.addAll(List.of(args));
        return CliProcess.fatJar(all.toArray(String[]::new));
    }

    private static JsonNode json(String dsn, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--format", "json"));
        all.addAll(List.of(args));
        CliProcess.Result r = pgqrs(dsn, all.toArray(String[]::new));
        assertThat(r.exit()).as("%s: %s", List.of(args), r.err()).isZero();
        return JSON.readTree(r.out());
    }
}
