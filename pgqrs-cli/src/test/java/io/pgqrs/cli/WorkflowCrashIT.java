package io.pgqrs.cli;

import io.pgqrs.Config;
import io.pgqrs.testsupport.S3Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14, "guarantees, proven with real processes": workflow worker JVMs on a SQLite file, on a fresh PostgreSQL
 * schema and on a fresh S3 object. A worker killed inside step two of three leaves a run that another worker finishes
 * without running step one again; two workers sharing 200 runs run every step of every run to its end exactly once
 * (on S3 about 40 s on two cores, every write a conditional PUT taken in turns).
 */
class WorkflowCrashIT {
    private static final int RUNS = 200;
    private static final Duration LEASE = Duration.ofSeconds(2);
    /**
     * The two-worker runs' lease: 2 s ran out in a loaded CI run while a worker JVM warmed up (both workers then ran
     * the same runs' steps); a lease must outlast a step's writes, pauses included.
     */
    private static final Duration SHARED_LEASE = Duration.ofSeconds(6);
    /**
     * On S3 every write is a conditional PUT of the whole object, and the two workers (and this JVM) take turns: a
     * write can wait longer than a 2 s lease, which then runs out while a step runs (the worker logs "give the worker a
     * longer lease") and the run is delivered to the other worker, which may run that step's body a second time.
     */
    private static final Duration S3_LEASE = Duration.ofSeconds(20);

    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @TempDir
    Path dir;

    private WorkflowCrash sqlite() {
        return new WorkflowCrash(Config.builder("sqlite:" + dir.resolve("crash.db")), Map.of(), dir);
    }

    private WorkflowCrash postgres() {
        return new WorkflowCrash(Config.builder(postgres.dsn()), Map.of(), dir);
    }

    /**
     * A fresh object through the JVM's one {@link S3Server#proxy()} (conditional PUTs atomic under racing writers), for
     * this JVM and the workers alike; every process has a cache directory of its own under the test's.
     */
    private WorkflowCrash s3() {
        S3Server server = S3Server.get();
        String endpoint = server.proxy().endpoint();
        Map<String, String> env = new HashMap<>(server.environment(endpoint));
        env.put("PGQRS_S3_LOCAL_CACHE_DIR", dir.resolve("s3-cache").toString());
        return new WorkflowCrash(Config.builder(S3Server.dsn(S3Server.newKey("crash"))).s3CacheDir(dir.resolve("s3-test-cache")),
                env, dir);
    }

    @Test
    void sqliteRunSurvivesAKillInsideStepTwo() throws Exception {
        sqlite().runSurvivesAKillInsideStepTwo();
    }

    @Test
    void sqliteTwoWorkerJvmsRunEveryStepOnce() throws Exception {
        sqlite().twoWorkersRunEveryStepOnce(RUNS, SHARED_LEASE);
    }

    @Test
    void postgresRunSurvivesAKillInsideStepTwo() throws Exception {
        postgres().runSurvivesAKillInsideStepTwo();
    }

    @Test
    void postgresTwoWorkerJvmsRunEveryStepOnce() throws Exception {
        postgres().twoWorkersRunEveryStepOnce(RUNS, SHARED_LEASE);
    }

    @Test
    void s3RunSurvivesAKillInsideStepTwo() throws Exception {
        s3().runSurvivesAKillInsideStepTwo();
    }

    @Test
    void s3TwoWorkerJvmsRunEveryStepOnce() throws Exception {
        s3().twoWorkersRunEveryStepOnce(RUNS, S3_LEASE);
    }
}
