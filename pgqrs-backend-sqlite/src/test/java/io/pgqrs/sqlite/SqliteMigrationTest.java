package io.pgqrs.sqlite;

import io.pgqrs.Config;
import io.pgqrs.tck.ReferenceMigrationVerification;
import io.pgqrs.tck.StoreFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** Migrations from the reference 0.15 layout and from this library's first layout, on SQLite files. */
class SqliteMigrationTest extends ReferenceMigrationVerification {
    /** The reference implementation's SQLite tables and indexes, as its 0.15 migrations leave them. */
    private static final List<String> REFERENCE_0_15 = List.of(
            "CREATE TABLE pgqrs_queues (id INTEGER PRIMARY KEY AUTOINCREMENT, queue_name TEXT UNIQUE NOT NULL, "
                    + "created_at TEXT NOT NULL DEFAULT (datetime('now')))",
            "CREATE TABLE pgqrs_workers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, "
                    + "queue_id INTEGER REFERENCES pgqrs_queues(id), started_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "heartbeat_at TEXT NOT NULL DEFAULT (datetime('now')), shutdown_at TEXT, "
                    + "status TEXT NOT NULL DEFAULT 'ready' "
                    + "CHECK (status IN ('ready', 'polling', 'suspended', 'interrupted', 'stopped')))",
            "CREATE INDEX idx_workers_queue_id ON pgqrs_workers(queue_id)",
            "CREATE INDEX idx_workers_status ON pgqrs_workers(status)",
            "CREATE TABLE pgqrs_messages (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "queue_id INTEGER NOT NULL REFERENCES pgqrs_queues(id), payload TEXT NOT NULL, "
                    + "vt TEXT DEFAULT (datetime('now')), enqueued_at TEXT DEFAULT (datetime('now')), "
                    + "read_ct INTEGER DEFAULT 0, dequeued_at TEXT, producer_worker_id INTEGER REFERENCES pgqrs_workers(id), "
                    + "consumer_worker_id INTEGER REFERENCES pgqrs_workers(id), archived_at TEXT)",
            "CREATE INDEX idx_messages_hot_path ON pgqrs_messages(queue_id, vt, enqueued_at, id) WHERE archived_at IS NULL",
            "CREATE INDEX idx_messages_consumer_active ON pgqrs_messages(consumer_worker_id) "
                    + "WHERE archived_at IS NULL AND consumer_worker_id IS NOT NULL",
            "CREATE INDEX idx_messages_archived_at ON pgqrs_messages(queue_id, archived_at) WHERE archived_at IS NOT NULL",
            "CREATE TABLE pgqrs_workflows (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, "
                    + "queue_id INTEGER NOT NULL REFERENCES pgqrs_queues(id), created_at TEXT NOT NULL DEFAULT (datetime('now')))",
            "CREATE TABLE pgqrs_workflow_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "workflow_id INTEGER NOT NULL REFERENCES pgqrs_workflows(id), "
                    + "message_id INTEGER NOT NULL UNIQUE REFERENCES pgqrs_messages(id), status TEXT NOT NULL, "
                    + "input TEXT, output TEXT, error TEXT, created_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "updated_at TEXT NOT NULL DEFAULT (datetime('now')), started_at TEXT, paused_at TEXT, "
                    + "completed_at TEXT, worker_id INTEGER REFERENCES pgqrs_workers(id))",
            "CREATE TABLE pgqrs_workflow_steps (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "run_id INTEGER NOT NULL REFERENCES pgqrs_workflow_runs(id), step_name TEXT NOT NULL, "
                    + "status TEXT NOT NULL, input TEXT, output TEXT, error TEXT, "
                    + "created_at TEXT NOT NULL DEFAULT (datetime('now')), updated_at TEXT NOT NULL DEFAULT (datetime('now')), "
                    + "started_at TEXT, completed_at TEXT, retry_count INTEGER NOT NULL DEFAULT 0, retry_at TEXT, "
                    + "last_retry_at TEXT, UNIQUE (run_id, step_name))",
            "CREATE INDEX idx_workflow_runs_message_id ON pgqrs_workflow_runs(message_id)",
            "CREATE INDEX idx_workflow_runs_status ON pgqrs_workflow_runs(status)",
            "CREATE INDEX idx_workflow_steps_status ON pgqrs_workflow_steps(status)");

    private final StoreFixture fixture = new SqliteFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }

    @Override
    protected List<String> referenceLayout() {
        return REFERENCE_0_15;
    }

    @Override
    protected List<String> firstLayout() {
        return SqliteSchema.MIGRATIONS.get(0).statements();
    }

    @Override
    protected Connection connectDirectly(Config config) throws SQLException {
        return DriverManager.getConnection("jdbc:" + config.dsn());
    }
}
