package io.pgqrs.sqlite;

import io.pgqrs.SchemaMigration;
import java.util.List;

/**
 * The migrations of the SQLite schema: the reference's six tables (columns, checks and index names as the reference,
 * plus the claim index on (queue_id, vt, id) over live messages) and the failures of handled messages; then the
 * message headers; then the idempotency keys, unique per queue through a partial index; then priorities (the claim
 * index becomes (queue_id, priority DESC, vt, id)) and ordered groups, with a partial index over live grouped
 * messages; then the recurring schedules. Other processes wait for a migration through the write transaction's
 * {@code BEGIN IMMEDIATE}.
 */
final class SqliteSchema {
    /** The tables of the reference layout and ours, as of this library's first release; upgrades a reference store in place. */
    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE IF NOT EXISTS pgqrs_schema_version ("
                    + "version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, "
                    + "applied_at TEXT NOT NULL DEFAULT (datetime('now')))",
            "CREATE TABLE IF NOT EXISTS pgqrs_queues ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "queue_name TEXT UNIQUE NOT NULL, "
                    + "created_at TEXT NOT NULL DEFAULT (datetime('now')))",
            "CREATE TABLE IF NOT EXISTS pgqrs_workers ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "name TEXT NOT NULL UNIQUE, "
                    + "queue_id INTEGER REFERENCES pgqrs_queues(id), "
                    + "started_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "heartbeat_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "shutdown_at TEXT, "
                    + "status TEXT NOT NULL DEFAULT 'ready' "
                    + "CHECK (status IN ('ready', 'polling', 'suspended', 'interrupted', 'stopped')))",
            "CREATE INDEX IF NOT EXISTS idx_workers_queue_id ON pgqrs_workers(queue_id)",
            "CREATE INDEX IF NOT EXISTS idx_workers_status ON pgqrs_workers(status)",
            "CREATE TABLE IF NOT EXISTS pgqrs_messages ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "queue_id INTEGER NOT NULL REFERENCES pgqrs_queues(id), "
                    + "payload TEXT NOT NULL, "
                    + "vt TEXT DEFAULT (datetime('now')), "
                    + "enqueued_at TEXT DEFAULT (datetime('now')), "
                    + "read_ct INTEGER DEFAULT 0, "
                    + "dequeued_at TEXT, "
                    + "producer_worker_id INTEGER REFERENCES pgqrs_workers(id), "
                    + "consumer_worker_id INTEGER REFERENCES pgqrs_workers(id), "
                    + "archived_at TEXT)",
            "CREATE INDEX IF NOT EXISTS idx_messages_hot_path ON pgqrs_messages(queue_id, vt, enqueued_at, id) "
                    + "WHERE archived_at IS NULL",
            "CREATE INDEX IF NOT EXISTS idx_messages_claim ON pgqrs_messages(queue_id, vt, id) WHERE archived_at IS NULL",
            "CREATE INDEX IF NOT EXISTS idx_messages_consumer_active ON pgqrs_messages(consumer_worker_id) "
                    + "WHERE archived_at IS NULL AND consumer_worker_id IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS idx_messages_archived_at ON pgqrs_messages(queue_id, archived_at) "
                    + "WHERE archived_at IS NOT NULL",
            "CREATE TABLE IF NOT EXISTS pgqrs_message_failures ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "message_id INTEGER NOT NULL, "
                    + "attempt INTEGER NOT NULL, "
                    + "error TEXT NOT NULL, "
                    + "failed_at TEXT NOT NULL DEFAULT (datetime('now')))",
            "CREATE INDEX IF NOT EXISTS idx_message_failures_message_id ON pgqrs_message_failures(message_id, id)",
            // Foreign keys are not enforced on these connections, so a trigger removes the failures of a deleted message.
            "CREATE TRIGGER IF NOT EXISTS trg_messages_delete_failures AFTER DELETE ON pgqrs_messages "
                    + "BEGIN DELETE FROM pgqrs_message_failures WHERE message_id = OLD.id; END",
            "CREATE TABLE IF NOT EXISTS pgqrs_workflows ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "name TEXT NOT NULL UNIQUE, "
                    + "queue_id INTEGER NOT NULL REFERENCES pgqrs_queues(id), "
                    + "created_at TEXT NOT NULL DEFAULT (datetime('now')))",
            "CREATE TABLE IF NOT EXISTS pgqrs_workflow_runs ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "workflow_id INTEGER NOT NULL REFERENCES pgqrs_workflows(id), "
                    + "message_id INTEGER NOT NULL UNIQUE REFERENCES pgqrs_messages(id), "
                    + "status TEXT NOT NULL, input TEXT, output TEXT, error TEXT, "
                    + "created_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "updated_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "started_at TEXT, paused_at TEXT, completed_at TEXT, "
                    + "worker_id INTEGER REFERENCES pgqrs_workers(id))",
            "CREATE INDEX IF NOT EXISTS idx_workflow_runs_message_id ON pgqrs_workflow_runs(message_id)",
            "CREATE INDEX IF NOT EXISTS idx_workflow_runs_status ON pgqrs_workflow_runs(status)",
            "CREATE TABLE IF NOT EXISTS pgqrs_workflow_steps ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "run_id INTEGER NOT NULL REFERENCES pgqrs_workflow_runs(id), "
                    + "step_name TEXT NOT NULL, status TEXT NOT NULL, input TEXT, output TEXT, error TEXT, "
                    + "created_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "updated_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "started_at TEXT, completed_at TEXT, "
                    + "retry_count INTEGER NOT NULL DEFAULT 0, retry_at TEXT, last_retry_at TEXT, "
                    + "UNIQUE (run_id, step_name))",
            "CREATE INDEX IF NOT EXISTS idx_workflow_steps_status ON pgqrs_workflow_steps(status)");

    /** The history of the schema, oldest first; add a migration at the end, never change one. */
    static final List<SchemaMigration> MIGRATIONS = List.of(
            new SchemaMigration(1, "pgqrs tables, message failures and claim index", VERSION_1),
            new SchemaMigration(2, "message headers", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN headers TEXT")),
            new SchemaMigration(3, "idempotency keys", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN idempotency_key TEXT",
                    "ALTER TABLE pgqrs_messages ADD COLUMN idempotency_window_s INTEGER",
                    "CREATE UNIQUE INDEX IF NOT EXISTS idx_messages_idempotency_key "
                            + "ON pgqrs_messages(queue_id, idempotency_key) WHERE idempotency_key IS NOT NULL")),
            new SchemaMigration(4, "priorities and ordered groups", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE pgqrs_messages ADD COLUMN group_key TEXT",
                    "DROP INDEX IF EXISTS idx_messages_claim",
                    "CREATE INDEX idx_messages_claim ON pgqrs_messages(queue_id, priority DESC, vt, id) "
                            + "WHERE archived_at IS NULL",
                    "CREATE INDEX IF NOT EXISTS idx_messages_group ON pgqrs_messages(queue_id, group_key, id) "
                            + "WHERE archived_at IS NULL AND group_key IS NOT NULL")),
            new SchemaMigration(5, "recurring schedules", List.of(
                    "CREATE TABLE IF NOT EXISTS pgqrs_schedules ("
                            + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                            + "name TEXT NOT NULL UNIQUE, "
                            + "queue_id INTEGER NOT NULL REFERENCES pgqrs_queues(id), "
                            + "cron TEXT NOT NULL, "
                            + "zone TEXT NOT NULL, "
                            + "payload TEXT NOT NULL, "
                            + "headers TEXT, "
                            + "catch_up_ticks INTEGER NOT NULL DEFAULT 1, "
                            + "paused INTEGER NOT NULL DEFAULT 0, "
                            + "next_run_at TEXT NOT NULL, "
                            + "last_run_at TEXT, "
                            + "created_at TEXT NOT NULL, "
                            + "updated_at TEXT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS idx_schedules_due ON pgqrs_schedules(next_run_at) WHERE paused = 0",
                    "CREATE INDEX IF NOT EXISTS idx_schedules_queue_id ON pgqrs_schedules(queue_id)")),
            // The reference's (queue_id, vt, enqueued_at, id) index serves no statement of this library, whose claim
            // has an index of its own; with vt among its keys every claim rewrote its entry. In its place, live
            // messages by id, for pages of a queue's pending and leased messages (a claim does not touch it).
            new SchemaMigration(6, "one claim index, live messages by id", List.of(
                    "DROP INDEX IF EXISTS idx_messages_hot_path",
                    "CREATE INDEX IF NOT EXISTS idx_messages_live_by_id ON pgqrs_messages(queue_id, id) "
                            + "WHERE archived_at IS NULL")));


    private SqliteSchema() {
    }
}
