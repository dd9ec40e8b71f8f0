package io.pgqrs.cli;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14, "guarantees, proven with real processes": workflow worker JVMs on a SQLite file and on a fresh PostgreSQL
 * schema. A worker killed inside step two of three leaves a run that another worker finishes without running step
 * one again; two workers sharing 200 runs run every step of every run to its end exactly once.
 */
class WorkflowCrashIT {
    private static final int RUNS = 200;

    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @TempDir
    Path dir;

    private WorkflowCrash sqlite() {
        return new WorkflowCrash("sqlite:" + dir.resolve("crash.db"), Map.of(), dir);
    }

    private WorkflowCrash postgres() {
        return new WorkflowCrash(postgres.dsn(), Map.of(), dir);
    }

    @Test
    void sqliteRunSurvivesAKillInsideStepTwo() throws Exception {
        sqlite().runSurvivesAKillInsideStepTwo();
    }

    @Test
    void sqliteTwoWorkerJvmsRunEveryStepOnce() throws Exception {
        sqlite().twoWorkersRunEveryStepOnce(RUNS);
    }

    @Test
    void postgresRunSurvivesAKillInsideStepTwo() throws Exception {
        postgres().runSurvivesAKillInsideStepTwo();
    }

    @Test
    void postgresTwoWorkerJvmsRunEveryStepOnce() throws Exception {
        postgres().twoWorkersRunEveryStepOnce(RUNS);
    }
}
