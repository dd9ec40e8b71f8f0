package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.testsupport.S3Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The CLI session on S3 (durable mode), each command a separate process with its own cache directory: start-up
 * pulls the object, {@code admin install} creates it and never overwrites it.
 */
class S3CliIT extends CliSession {
    private final String key = S3Server.newKey("cli");

    @Override
    String dsn() {
        return S3Server.dsn(key);
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(S3Server.get().environment(S3Server.get().endpoint()));
        env.put("PGQRS_S3_LOCAL_CACHE_DIR", dir.resolve("s3-cache").toString());
        return env;
    }

    /** Local mode: each command pulls the object first and publishes its writes when it succeeded. */
    @Test
    void localModeCommandsPublishTheirWrites() throws Exception {
        Map<String, String> env = new HashMap<>(environment());
        env.put("PGQRS_S3_MODE", "local");
        assertThat(run(env, "admin", "install").exit()).isZero();
        assertThat(run(env, "queue", "create", "jobs").exit()).isZero();
        assertThat(run(env, "message", "enqueue", "jobs", "{\"n\":1}").exit()).isZero();
        CliProcess.Result list = run(environment(), "--format", "json", "queue", "messages", "jobs");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("\"n\" : 1");
    }

    /** An S3 DSN without a key fails before anything is contacted, naming the problem. */
    @Test
    void badS3Dsn() throws Exception {
        CliProcess.Result r = CliProcess.fatJarWith(environment(), dir, null, "--dsn", "s3://bucket-only", "queue", "list");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("S3 DSN missing object key");
    }

    /**
     * Install on an existing object, from an empty cache directory, in either mode: exit 1 saying the object exists
     * and was not overwritten; its queues are still there.
     */
    @Test
    void installNeverOverwritesAnExistingObject() throws Exception {
        assertThat(run(environment(), "admin", "install").exit()).isZero();
        assertThat(run(environment(), "queue", "create", "kept").exit()).isZero();
        for (String mode : List.of("durable", "local")) {
            Map<String, String> env = new HashMap<>(environment());
            env.put("PGQRS_S3_MODE", mode);
            env.put("PGQRS_S3_LOCAL_CACHE_DIR", dir.resolve("empty-cache-" + mode).toString());
            CliProcess.Result again = run(env, "admin", "install");
            assertThat(again.exit()).as(again.err()).isEqualTo(1);
            assertThat(again.out()).isEmpty();
            assertThat(again.err().lines().filter(l -> l.startsWith("pgqrs: ")))
                    .singleElement(as(InstanceOfAssertFactories.STRING)).contains("already exists and was not overwritten");
        }
        CliProcess.Result list = run(environment(), "queue", "list");
        assertThat(list.out()).contains("kept");
    }

    private CliProcess.Result run(Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--dsn", dsn()));
        all.addAll(List.of(args));
        return CliProcess.fatJarWith(env, dir, null, all.toArray(String[]::new));
    }
}
