package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every CLI command against one backend, run from the jar as a separate process; a backend's IT supplies the DSN. */
abstract class CliSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** @return a DSN of a fresh, empty store */
    abstract String dsn();

    /** @return variables the CLI process needs to reach the store; default none */
    Map<String, String> environment() {
        return Map.of();
    }

    private StoreCli cli() {
        return new StoreCli(dsn(), environment(), dir);
    }

    private CliProcess.Result pgqrs(String... args) throws Exception {
        return cli().run(args);
    }

    private CliProcess.Result pgqrsWithInput(String stdin, String... args) throws Exception {
        return cli().runWithInput(stdin, args);
    }

    private JsonNode json(String... args) throws Exception {
        return cli().json(args);
    }

    /** A whole session: every command, with JSON output parsed and checked. */
    @Test
    void everyCommandWorks() throws Exception {
        assertThat(json("admin", "install").get("installed").asBoolean()).isTrue();
        JsonNode created = json("queue", "create", "emails");
        assertThat(created.get("queue_name").asText()).isEqualTo("emails");
        assertThat(created.get("id").isIntegralNumber()).isTrue();
        assertThat(json("queue", "list")).extracting(n -> n.get("queue_name").asText()).containsExactly("emails");
        assertThat(json("queue", "get", "emails").get("id")).isEqualTo(created.get("id"));

        JsonNode first = json("message", "enqueue", "emails", "{\"to\":\"a@b.c\"}");
        assertThat(first.get("payload").get("to").asText()).isEqualTo("a@b.c");
        CliProcess.Result fromStdin = pgqrsWithInput("{\"n\": 2}", "--format", "json", "message", "enqueue", "emails");
        assertThat(fromStdin.exit()).as(fromStdin.err()).isZero();
        assertThat(json("queue", "messages", "emails")).hasSize(2);

        JsonNode leased = json("message", "dequeue", "emails", "--batch", "5", "--vt", "2m");
        assertThat(leased).hasSize(2);
        long consumer = leased.get(0).get("consumer_worker_id").asLong();
        assertThat(json("worker", "messages", String.valueOf(consumer))).hasSize(2);
        assertThat(json("message", "archive", leased.get(0).get("id").asText()).get("archived").asBoolean()).isTrue();
        assertThat(json("message", "delete", leased.get(1).get("id").asText()).get("deleted").asBoolean()).isTrue();
        JsonNode metrics = json("queue", "metrics", "emails");
        assertThat(metrics.get("name").asText()).isEqualTo("emails");
        assertThat(metrics.get("total_messages").asLong()).isEqualTo(1);
        assertThat(metrics.get("archived_messages").asLong()).isEqualTo(1);
        assertThat(json("queue", "metrics")).hasSize(1);

        JsonNode workers = json("worker", "list", "--queue", "emails");
        assertThat(workers).extracting(w -> w.get("status").asText()).as("the shared producer, the dequeue's consumer")
                .containsExactlyInAnyOrder("Ready", "Stopped");
        assertThat(json("worker", "get", String.valueOf(consumer)).get("status").asText()).isEqualTo("Stopped");
        long producer = first.get("producer_worker_id").asLong();
        assertThat(json("worker", "suspend", String.valueOf(producer)).get("status").asText()).isEqualTo("Suspended");
        assertThat(json("worker", "resume", String.valueOf(producer)).get("status").asText()).isEqualTo("Ready");
        assertThat(json("worker", "heartbeat", String.valueOf(producer)).get("worker_id").asLong()).isEqualTo(producer);
        assertThat(json("worker", "stats", "emails").get("total_workers").asLong()).isEqualTo(workers.size());
        assertThat(json("worker", "health").get(0).get("queue_name").asText()).isEqualTo("Global");
        assertThat(json("worker", "health", "--group-by-queue", "--timeout", "3600").get(0).get("stale_workers").asLong()).isZero();
        assertThat(json("worker", "release-messages", String.valueOf(consumer)).get("released").asLong()).isZero();
        assertThat(json("admin", "reclaim", "--queue", "emails", "--older-than", "1h").get("reclaimed").asLong()).isZero();

        JsonNode stats = json("admin", "stats");
        assertThat(stats.get("total_queues").isIntegralNumber()).isTrue();
        assertThat(stats.get("total_queues").asLong()).isEqualTo(1);
        assertThat(json("queue", "archive-dlq").get("archived_ids")).isEmpty();
        assertThat(json("admin", "verify").get("valid").asBoolean()).isTrue();
        assertThat(json("queue", "purge", "emails").get("purged").asBoolean()).isTrue();
        assertThat(json("worker", "purge", "--older-than", "0s").get("purged").asLong()).isZero();
        assertThat(json("queue", "delete", "emails").get("deleted").asBoolean()).isTrue();
        assertThat(json("queue", "list")).isEmpty();
        assertThat(json("admin", "uninstall").get("uninstalled").asBoolean()).isTrue();
    }

    /**
     * {@code admin migrate --dry-run} prints every statement it would run and runs none; {@code admin migrate} runs
     * them; afterwards the dry run has nothing left and {@code admin verify} prints the version.
     */
    @Test
    void migrateDryRunThenMigrate() throws Exception {
        CliProcess.Result dry = pgqrs("admin", "migrate", "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("-- pgqrs schema is at version 0").contains("-- version 1: ")
                .contains("-- version 2: message headers").contains("pgqrs_queues").contains("headers")
                .contains("INSERT INTO pgqrs_schema_version (version, description) VALUES (2, 'message headers');");
        assertThat(pgqrs("queue", "list").exit()).as("the dry run installed nothing").isEqualTo(1);
        JsonNode plan = json("admin", "migrate", "--dry-run");
        assertThat(plan.get("schema_version").asInt()).isZero();
        int latest = plan.get("latest_version").asInt();
        assertThat(plan.get("migrations")).hasSize(latest);
        assertThat(plan.get("migrations").get(0).get("statements").size()).isGreaterThan(1);

        JsonNode migrated = json("admin", "migrate");
        assertThat(migrated.get("from_version").asInt()).isZero();
        assertThat(migrated.get("schema_version").asInt()).isEqualTo(latest);
        assertThat(pgqrs("admin", "migrate", "--dry-run").out()).contains("up to date: nothing to run");
        assertThat(pgqrs("admin", "migrate").out()).contains("is up to date at version " + latest);
        assertThat(pgqrs("admin", "verify").out()).contains("pgqrs schema is valid (version " + latest + ")");
        assertThat(json("admin", "verify").get("schema_version").asInt()).isEqualTo(latest);
    }

    /** {@code message enqueue --header} stores headers; {@code message get} shows them in JSON and in a table. */
    @Test
    void headersOnEnqueueAndGet() throws Exception {
        assertThat(pgqrs("admin", "install").exit()).isZero();
        assertThat(pgqrs("queue", "create", "tagged").exit()).isZero();
        JsonNode sent = json("message", "enqueue", "tagged", "{\"n\":1}", "--header", "content-type=application/json",
                "--header", "tenant=a=b");
        JsonNode expected = JSON.readTree("{\"content-type\":\"application/json\",\"tenant\":\"a=b\"}");
        assertThat(sent.get("headers")).isEqualTo(expected);
        String id = sent.get("id").asText();
        assertThat(json("message", "get", id).get("headers")).isEqualTo(expected);
        assertThat(pgqrs("message", "get", id).out()).contains("| headers").contains("\"tenant\":\"a=b\"");
        assertThat(json("message", "enqueue", "tagged", "{\"n\":2}").has("headers")).as("no headers, no field").isFalse();

        CliProcess.Result noEquals = pgqrs("message", "enqueue", "tagged", "{}", "--header", "novalue");
        assertThat(noEquals.exit()).isEqualTo(2);
        assertThat(noEquals.err()).contains("NAME=VALUE");
        CliProcess.Result emptyName = pgqrs("message", "enqueue", "tagged", "{}", "--header", "=x");
        assertThat(emptyName.exit()).isEqualTo(2);
        assertThat(emptyName.err()).contains("Header name must not be empty");
        assertThat(json("queue", "metrics", "tagged").get("total_messages").asLong()).as("refused ones wrote nothing")
                .isEqualTo(2);
    }

    /**
     * {@code message enqueue --key} stores one message per key while it is live and says whether the enqueue was a
     * duplicate, in JSON and in the table; a bad key or window is a usage error that writes nothing.
     */
    @Test
    void idempotencyKeyOnEnqueue() throws Exception {
        assertThat(pgqrs("admin", "install").exit()).isZero();
        assertThat(pgqrs("queue", "create", "orders").exit()).isZero();
        JsonNode first = json("message", "enqueue", "orders", "{\"id\":42}", "--key", "order-42", "--key-window", "5m");
        assertThat(first.get("duplicate").asBoolean()).isFalse();
        JsonNode again = json("message", "enqueue", "orders", "{\"id\":43}", "--key", "order-42");
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(again.get("payload").get("id").asInt()).isEqualTo(42);
        CliProcess.Result table = pgqrs("message", "enqueue", "orders", "{\"id\":44}", "--key", "order-42");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("duplicate").contains("true");

        CliProcess.Result empty = pgqrs("message", "enqueue", "orders", "{}", "--key", "");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("Idempotency key must not be empty");
        CliProcess.Result windowAlone = pgqrs("message", "enqueue", "orders", "{}", "--key-window", "5m");
        assertThat(windowAlone.exit()).isEqualTo(2);
        assertThat(windowAlone.err()).contains("--key-window needs --key");
        CliProcess.Result negative = pgqrs("message", "enqueue", "orders", "{}", "--key", "k", "--key-window", "-5s");
        assertThat(negative.exit()).as(negative.err()).isEqualTo(2);
        assertThat(json("queue", "metrics", "orders").get("total_messages").asLong()).isEqualTo(1);
    }

    /**
     * {@code message enqueue --priority --group} store both, {@code dequeue} takes the higher priority first and only
     * the head of a group; a priority out of range or an empty group is a usage error that writes nothing.
     */
    @Test
    void priorityAndGroupOnEnqueue() throws Exception {
        assertThat(pgqrs("admin", "install").exit()).isZero();
        assertThat(pgqrs("queue", "create", "invoices").exit()).isZero();
        JsonNode plain = json("message", "enqueue", "invoices", "{\"n\":1}");
        assertThat(plain.get("priority").asInt()).isZero();
        assertThat(plain.has("group_key")).as("no group, no field").isFalse();
        JsonNode head = json("message", "enqueue", "invoices", "{\"n\":2}", "--priority", "10", "--group", "customer-42");
        assertThat(head.get("priority").asInt()).isEqualTo(10);
        assertThat(head.get("group_key").asText()).isEqualTo("customer-42");
        json("message", "enqueue", "invoices", "{\"n\":3}", "--priority", "10", "--group", "customer-42");
        JsonNode got = json("message", "dequeue", "invoices", "--batch", "5");
        List<Long> ids = new ArrayList<>();
        got.forEach(m -> ids.add(m.get("id").asLong()));
        assertThat(ids).containsExactly(head.get("id").asLong(), plain.get("id").asLong());

        CliProcess.Result tooHigh = pgqrs("message", "enqueue", "invoices", "{}", "--priority", "101");
        assertThat(tooHigh.exit()).as(tooHigh.err()).isEqualTo(2);
        assertThat(tooHigh.err()).contains("Priority 101 is outside -100 … 100");
        CliProcess.Result emptyGroup = pgqrs("message", "enqueue", "invoices", "{}", "--group", "");
        assertThat(emptyGroup.exit()).isEqualTo(2);
        assertThat(emptyGroup.err()).contains("Group key must not be empty");
        assertThat(json("queue", "metrics", "invoices").get("total_messages").asLong()).isEqualTo(3);
    }

    /** Table output has borders and the field names as headers. */
    @Test
    void tableOutput() throws Exception {
        assertThat(pgqrs("admin", "install").exit()).isZero();
        assertThat(pgqrs("queue", "create", "orders").exit()).isZero();
        CliProcess.Result r = pgqrs("queue", "list");
        assertThat(r.out()).contains("+----").contains("| id ").contains("queue_name").contains("orders").contains(" UTC");
        assertThat(pgqrs("--format", "TABLE", "queue", "list").out()).contains("orders");
    }

    /** Bad input: one clear line on stderr and the documented exit code; nothing on stdout. */
    @Test
    void badInputExitCodes() throws Exception {
        CliProcess.Result notInstalled = pgqrs("queue", "list");
        assertThat(notInstalled.exit()).isEqualTo(1);
        assertThat(notInstalled.err().strip()).contains("pgqrs admin install").doesNotContain("\n");
        CliProcess.Result install = pgqrs("admin", "install");
        assertThat(install.exit()).as(install.err()).isZero();
        CliProcess.Result missingQueue = pgqrs("queue", "get", "nope");
        assertThat(missingQueue.exit()).isEqualTo(1);
        assertThat(missingQueue.err().strip()).startsWith("pgqrs: Queue 'nope' not found").doesNotContain("\n");
        assertThat(missingQueue.out()).isEmpty();
        CliProcess.Result badPayload = pgqrs("message", "enqueue", "nope", "{not json");
        assertThat(badPayload.exit()).isEqualTo(2);
        assertThat(badPayload.err()).contains("payload is not valid JSON");
        CliProcess.Result missingArg = pgqrs("queue", "create");
        assertThat(missingArg.exit()).isEqualTo(2);
        assertThat(missingArg.err()).contains("Missing required parameter");
        assertThat(pgqrs("queue", "frobnicate").exit()).isEqualTo(4);
        assertThat(pgqrs("worker", "get", "not-a-number").exit()).isEqualTo(2);
        CliProcess.Result badDuration = pgqrs("worker", "purge", "--older-than", "soon");
        assertThat(badDuration.exit()).isEqualTo(2);
        assertThat(badDuration.err()).contains("Invalid duration format 'soon'");
        assertThat(pgqrs("message", "archive", "999").exit()).isEqualTo(1);
    }

    /** Logs never mix into stdout, even at debug; --out writes the result to a file. */
    @Test
    void logsStayOffStdoutAndOutGoesToFile() throws Exception {
        CliProcess.Result r = pgqrs("--log-level", "debug", "--format", "json", "admin", "install");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("installed").asBoolean()).isTrue();
        assertThat(r.err()).contains("DEBUG");
        Path file = dir.resolve("out.json");
        CliProcess.Result toFile = pgqrs("--format", "json", "--out", file.toString(), "queue", "create", "q1");
        assertThat(toFile.out()).isEmpty();
        assertThat(JSON.readTree(Files.readString(file)).get("queue_name").asText()).isEqualTo("q1");
        Path log = dir.resolve("pgqrs.log");
        assertThat(pgqrs("--log-level", "info", "--log-dest", log.toString(), "queue", "list").err()).isEmpty();
        assertThat(Files.readString(log)).contains("pgqrs connected");
        assertThat(pgqrs("--log-dest", dir.resolve("no/such/dir/x.log").toString(), "queue", "list").exit()).isEqualTo(2);
    }
}
