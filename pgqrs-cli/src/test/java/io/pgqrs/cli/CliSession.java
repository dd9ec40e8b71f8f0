package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CLI command against one backend, run from the jar as a separate process, with the schema's migration and the
 * exit codes of bad input; a backend's IT supplies the DSN.
 */
abstract class CliSession {
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

    CliProcess.Result pgqrs(String... args) throws Exception {
        return cli().run(args);
    }

    private CliProcess.Result pgqrsWithInput(String stdin, String... args) throws Exception {
        return cli().runWithInput(stdin, args);
    }

    JsonNode json(String... args) throws Exception {
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
}
