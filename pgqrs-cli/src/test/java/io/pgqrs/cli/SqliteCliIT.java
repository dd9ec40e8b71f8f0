package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI session on SQLite, and the CLI's options whose handling does not depend on the store: headers, idempotency
 * keys, priorities and groups on enqueue, table output and logging. They run here only; the kit checks that every
 * backend stores what these options ask for.
 */
class SqliteCliIT extends CliSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    String dsn() {
        return "sqlite:" + dir.resolve("cli.db");
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
