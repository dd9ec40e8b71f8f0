package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgqrs.Config;
import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import io.pgqrs.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgqrs schedule …} and {@code pgqrs queue redrive} through the real jar, on a SQLite file per test. */
class ScheduleRedriveCliIT {

    @TempDir
    Path dir;

    @BeforeEach
    void installWithOneQueue() throws Exception {
        assertThat(pgqrs("admin", "install").exit()).isZero();
        assertThat(pgqrs("queue", "create", "reports").exit()).isZero();
    }

    /** add, list, get, pause, resume, run-due and delete, with JSON fields as documented. */
    @Test
    void scheduleCommands() throws Exception {
        JsonNode added = json("schedule", "add", "nightly", "--cron", "0 3 * * *", "--zone", "Europe/Paris",
                "--queue", "reports", "--header", "team=ops", "--catch-up", "3", "{\"kind\":\"daily\"}");
        assertThat(added.get("name").asText()).isEqualTo("nightly");
        assertThat(added.get("queue").asText()).isEqualTo("reports");
        assertThat(added.get("cron").asText()).isEqualTo("0 3 * * *");
        assertThat(added.get("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(added.get("paused").asBoolean()).isFalse();
        assertThat(added.get("catch_up_ticks").asInt()).isEqualTo(3);
        assertThat(added.get("payload").get("kind").asText()).isEqualTo("daily");
        assertThat(added.get("headers").get("team").asText()).isEqualTo("ops");
        assertThat(Instant.parse(added.get("next_run_at").asText())).isAfter(Instant.now());
        assertThat(json("schedule", "list")).extracting(n -> n.get("name").asText()).containsExactly("nightly");
        assertThat(json("schedule", "pause", "nightly").get("paused").asBoolean()).isTrue();
        assertThat(json("schedule", "get", "nightly").get("paused").asBoolean()).isTrue();
        assertThat(json("schedule", "resume", "nightly").get("paused").asBoolean()).isFalse();
        assertThat(json("schedule", "run-due")).as("nothing due").isEmpty();
        CliProcess.Result table = pgqrs("schedule", "list");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("nightly").contains("Europe/Paris");

        // A schedule upserted an hour ago (the library on a clock set back) is due now: run-due fires its latest tick.
        SettableClock hourAgo = new SettableClock(Instant.now().minus(Duration.ofHours(1)));
        try (Pgqrs p = Pgqrs.connect(Config.builder(dsn()).clock(hourAgo).build())) {
            p.schedules().upsert("minutely", "* * * * *", ZoneOffset.UTC, "reports", Map.of("n", 1));
        }
        JsonNode fired = json("schedule", "run-due");
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).get("schedule").asText()).isEqualTo("minutely");
        long id = fired.get(0).get("message_id").asLong();
        assertThat(json("message", "get", String.valueOf(id)).get("headers").get("pgqrs-schedule").asText()).isEqualTo("minutely");
        assertThat(json("schedule", "run-due")).as("the tick fired already").isEmpty();

        assertThat(json("schedule", "delete", "nightly").get("deleted").asBoolean()).isTrue();
        CliProcess.Result again = pgqrs("schedule", "delete", "nightly");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("schedule 'nightly'");
    }

    /** An unknown zone or catch-up is a usage error naming it; a bad expression and a missing queue fail; nothing is stored. */
    @Test
    void badScheduleInput() throws Exception {
        CliProcess.Result zone = pgqrs("schedule", "add", "s", "--cron", "0 3 * * *", "--zone", "Mars/Olympus", "--queue",
                "reports", "{}");
        assertThat(zone.exit()).as(zone.err()).isEqualTo(2);
        assertThat(zone.err()).contains("zone").contains("Mars/Olympus");
        CliProcess.Result catchUp = pgqrs("schedule", "add", "s", "--cron", "0 3 * * *", "--queue", "reports",
                "--catch-up", "0", "{}");
        assertThat(catchUp.exit()).as(catchUp.err()).isEqualTo(2);
        assertThat(catchUp.err()).contains("catchUp");
        CliProcess.Result cron = pgqrs("schedule", "add", "s", "--cron", "0 3 * *", "--queue", "reports", "{}");
        assertThat(cron.exit()).as(cron.err()).isEqualTo(1);
        assertThat(cron.err()).contains("cron").contains("5");
        CliProcess.Result queue = pgqrs("schedule", "add", "s", "--cron", "0 3 * * *", "--queue", "nope", "{}");
        assertThat(queue.exit()).as(queue.err()).isEqualTo(1);
        assertThat(queue.err()).contains("Queue 'nope' not found");
        assertThat(json("schedule", "list")).isEmpty();
    }

    /** redrive moves dead letters back, prints what it moved, and refuses a rate of 0 naming it. */
    @Test
    void queueRedrive() throws Exception {
        List<Long> dead = new ArrayList<>();
        try (Pgqrs p = Pgqrs.connect(dsn())) {
            Producer producer = p.producer("reports");
            for (int i = 0; i < 3; i++) {
                dead.add(producer.enqueue(Map.of("n", i)).id());
            }
            try (Consumer c = p.consumer("reports")) {
                for (Message m : c.dequeue(3)) {
                    assertThat(c.deadLetter(m, "boom")).isTrue();
                }
            }
        }
        CliProcess.Result zero = pgqrs("queue", "redrive", "reports", "--rate", "0");
        assertThat(zero.exit()).as(zero.err()).isEqualTo(1);
        assertThat(zero.err()).contains("rate");
        assertThat(json("queue", "dlq", "reports")).hasSize(3);

        JsonNode one = json("queue", "redrive", "reports", "--limit", "1", "--rate", "100");
        assertThat(one.get("moved").asLong()).isEqualTo(1);
        assertThat(one.get("stopped").asBoolean()).isFalse();
        CliProcess.Result rest = pgqrs("queue", "redrive", "reports", "--rate", "1000");
        assertThat(rest.exit()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("Redrove 2 dead letters of queue 'reports'");
        assertThat(json("queue", "dlq", "reports")).isEmpty();
        JsonNode m = json("message", "get", String.valueOf(dead.get(0)));
        assertThat(m.get("read_ct").asInt()).isZero();
        assertThat(m.has("archived_at")).isFalse();
        assertThat(m.get("headers").get("pgqrs-redriven-by").asText()).isNotBlank();
        CliProcess.Result badTime = pgqrs("queue", "redrive", "reports", "--dead-after", "yesterday");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err()).contains("ISO-8601");
    }

    private String dsn() {
        return "sqlite:" + dir.resolve("cli.db");
    }

    private StoreCli cli() {
        return new StoreCli(dsn(), Map.of(), dir);
    }

    private CliProcess.Result pgqrs(String... args) throws Exception {
        return cli().run(args);
    }

    private JsonNode json(String... args) throws Exception {
        return cli().json(args);
    }
}
