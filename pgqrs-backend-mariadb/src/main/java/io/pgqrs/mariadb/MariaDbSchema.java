package io.pgqrs.mariadb;

import io.pgqrs.SchemaMigration;
import java.util.List;

/**
 * The pgqrs tables (the reference's six and the message failures) in MariaDB terms: InnoDB, {@code utf8mb4}, UTC {@code DATETIME(6)} times, JSON as checked
 * {@code LONGTEXT}, statuses as checked {@code VARCHAR}. There are no partial indexes, so the claim index
 * leads with {@code archived_at}: {@code (queue_id, archived_at, priority DESC, vt, id)} (since migration 4) serves
 * {@code queue_id = ? AND archived_at IS NULL AND priority = ? ORDER BY vt, id} as a range scan without a sort. DDL commits on its
 * own in MariaDB, so every migration statement can run twice ({@code IF NOT EXISTS}) and a run is idempotent rather
 * than atomic; {@link #MIGRATION_LOCK} serializes the runs of one database. Idempotency keys compare in binary
 * ({@code utf8mb4_bin}), as on the other databases; NULL keys never collide in the unique index.
 */
final class MariaDbSchema {
    private static final String TABLE = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    private static final String NOW = "DEFAULT UTC_TIMESTAMP(6)";
    private static final String WORKFLOW_STATUS = "VARCHAR(16) NOT NULL CHECK (status IN "
            + "('QUEUED', 'RUNNING', 'SUCCESS', 'ERROR', 'PAUSED', 'CANCELLING', 'CANCELLED'))";

    /** The tables of the reference layout and ours, as of this library's first release; upgrades a reference store in place. */
    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE IF NOT EXISTS pgqrs_schema_version ("
                    + "version INT PRIMARY KEY, "
                    + "description VARCHAR(255) NOT NULL, "
                    + "applied_at DATETIME(6) NOT NULL " + NOW + ")" + TABLE,
            "CREATE TABLE IF NOT EXISTS pgqrs_queues ("
                    + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "queue_name VARCHAR(255) NOT NULL, "
                    + "created_at DATETIME(6) NOT NULL " + NOW + ", "
                    + "CONSTRAINT pgqrs_queues_queue_name_key UNIQUE (queue_name))" + TABLE,
            "CREATE TABLE IF NOT EXISTS pgqrs_workers ("
                    + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "name VARCHAR(255) NOT NULL, "
                    + "queue_id BIGINT NULL, "
                    + "started_at DATETIME(6) NULL " + NOW + ", "
                    + "heartbeat_at DATETIME(6) NULL " + NOW + ", "
                    + "shutdown_at DATETIME(6) NULL, "
                    + "status VARCHAR(16) NOT NULL DEFAULT 'ready' "
                    + "CHECK (status IN ('ready', 'polling', 'suspended', 'interrupted', 'stopped')), "
                    + "CONSTRAINT pgqrs_workers_name_key UNIQUE (name), "
                    + "CONSTRAINT fk_workers_queue_id FOREIGN KEY (queue_id) REFERENCES pgqrs_queues(id), "
                    + "INDEX idx_pgqrs_workers_queue_status (queue_id, status), "
                    + "INDEX idx_pgqrs_workers_heartbeat (heartbeat_at))" + TABLE,
            "CREATE TABLE IF NOT EXISTS pgqrs_messages ("
                    + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "queue_id BIGINT NOT NULL, "
                    + "payload LONGTEXT NOT NULL CHECK (JSON_VALID(payload)), "
                    + "vt DATETIME(6) NULL " + NOW + ", "
                    + "enqueued_at DATETIME(6) NULL " + NOW + ", "
                    + "read_ct INT DEFAULT 0, "
                    + "dequeued_at DATETIME(6) NULL, "
                    + "producer_worker_id BIGINT NULL, "
                    + "consumer_worker_id BIGINT NULL, "
                    + "archived_at DATETIME(6) NULL, "
                    + "CONSTRAINT fk_messages_queue_id FOREIGN KEY (queue_id) REFERENCES pgqrs_queues(id), "
                    + "CONSTRAINT fk_messages_producer_worker_id FOREIGN KEY (producer_worker_id) REFERENCES pgqrs_workers(id), "
                    + "CONSTRAINT fk_messages_consumer_worker_id FOREIGN KEY (consumer_worker_id) REFERENCES pgqrs_workers(id), "
                    + "INDEX idx_pgqrs_messages_claim (queue_id, archived_at, vt, id), "
                    + "INDEX idx_pgqrs_messages_consumer_worker_id (consumer_worker_id, archived_at), "
                    + "INDEX idx_pgqrs_messages_archived_at (queue_id, archived_at))" + TABLE,
            "CREATE TABLE IF NOT EXISTS pgqrs_message_failures ("
                    + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "message_id BIGINT NOT NULL, "
                    + "attempt INT NOT NULL, "
                    + "error LONGTEXT NOT NULL, "
                    + "failed_at DATETIME(6) NOT NULL " + NOW + ", "
                    + "INDEX idx_pgqrs_message_failures_message_id (message_id, id), "
                    + "CONSTRAINT fk_message_failures_message_id FOREIGN KEY (message_id) REFERENCES pgqrs_messages(id) "
                    + "ON DELETE CASCADE)" + TABLE,
            "CREATE TABLE IF NOT EXISTS pgqrs_workflows ("
                    + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "name VARCHAR(255) NOT NULL UNIQUE, "
                    + "queue_id BIGINT NOT NULL, "
                    + "created_at DATETIME(6) NOT NULL " + NOW + ", "
                    + "FOREIGN KEY (queue_id) REFERENCES pgqrs_queues(id))" + TABLE,
            "CREATE TABLE IF NOT EXISTS pgqrs_workflow_runs ("
                    + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "workflow_id BIGINT NOT NULL, "
                    + "message_id BIGINT NOT NULL UNIQUE, "
                    + "status " + WORKFLOW_STATUS + ", input LONGTEXT, output LONGTEXT, error LONGTEXT, "
                    + "created_at DATETIME(6) NOT NULL " + NOW + ", updated_at DATETIME(6) NOT NULL " + NOW + ", "
                    + "started_at DATETIME(6) NULL, paused_at DATETIME(6) NULL, completed_at DATETIME(6) NULL, "
                    + "worker_id BIGINT NULL, "
                    + "FOREIGN KEY (workflow_id) REFERENCES pgqrs_workflows(id) ON DELETE CASCADE, "
                    + "FOREIGN KEY (message_id) REFERENCES pgqrs_messages(id), "
                    + "FOREIGN KEY (worker_id) REFERENCES pgqrs_workers(id), "
                    + "INDEX idx_pgqrs_workflow_runs_status (status))" + TABLE,
            "CREATE TABLE IF NOT EXISTS pgqrs_workflow_steps ("
                    + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "run_id BIGINT NOT NULL, "
                    + "step_name VARCHAR(255) NOT NULL, "
                    + "status " + WORKFLOW_STATUS + ", input LONGTEXT, output LONGTEXT, error LONGTEXT, "
                    + "created_at DATETIME(6) NOT NULL " + NOW + ", updated_at DATETIME(6) NOT NULL " + NOW + ", "
                    + "started_at DATETIME(6) NULL, completed_at DATETIME(6) NULL, "
                    + "retry_count INT NOT NULL DEFAULT 0, retry_at DATETIME(6) NULL, last_retry_at DATETIME(6) NULL, "
                    + "UNIQUE (run_id, step_name), "
                    + "FOREIGN KEY (run_id) REFERENCES pgqrs_workflow_runs(id) ON DELETE CASCADE, "
                    + "INDEX idx_pgqrs_workflow_steps_status (status), "
                    + "INDEX idx_pgqrs_workflow_steps_retry_at (retry_at))" + TABLE);

    /** Waits up to 60 s for another process migrating the same database; 0 when it did not finish by then. */
    static final String MIGRATION_LOCK = "SELECT GET_LOCK(CONCAT('pgqrs_migrate.', DATABASE()), 60)";
    /** Releases {@link #MIGRATION_LOCK}, which belongs to the session. */
    static final String MIGRATION_UNLOCK = "SELECT RELEASE_LOCK(CONCAT('pgqrs_migrate.', DATABASE()))";

    /** The history of the schema, oldest first; add a migration at the end, never change one. */
    static final List<SchemaMigration> MIGRATIONS = List.of(
            new SchemaMigration(1, "pgqrs tables, message failures and claim index", VERSION_1),
            new SchemaMigration(2, "message headers", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS headers LONGTEXT NULL "
                            + "CHECK (headers IS NULL OR JSON_VALID(headers))")),
            new SchemaMigration(3, "idempotency keys", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS idempotency_key VARCHAR(512) "
                            + "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL",
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS idempotency_window_s BIGINT NULL",
                    "CREATE UNIQUE INDEX IF NOT EXISTS idx_pgqrs_messages_idempotency_key "
                            + "ON pgqrs_messages (queue_id, idempotency_key)")),
            new SchemaMigration(4, "priorities and ordered groups", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS priority INT NOT NULL DEFAULT 0",
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS group_key VARCHAR(255) "
                            + "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL",
                    "DROP INDEX IF EXISTS idx_pgqrs_messages_claim ON pgqrs_messages",
                    "CREATE INDEX idx_pgqrs_messages_claim ON pgqrs_messages (queue_id, archived_at, priority DESC, vt, id)",
                    "CREATE INDEX IF NOT EXISTS idx_pgqrs_messages_group ON pgqrs_messages (queue_id, group_key, archived_at, id)")),
            new SchemaMigration(5, "recurring schedules", List.of(
                    "CREATE TABLE IF NOT EXISTS pgqrs_schedules ("
                            + "id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                            + "name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                            + "queue_id BIGINT NOT NULL, "
                            + "cron VARCHAR(255) NOT NULL, "
                            + "zone VARCHAR(255) NOT NULL, "
                            + "payload LONGTEXT NOT NULL CHECK (JSON_VALID(payload)), "
                            + "headers LONGTEXT NULL CHECK (headers IS NULL OR JSON_VALID(headers)), "
                            + "catch_up_ticks INT NOT NULL DEFAULT 1, "
                            + "paused TINYINT NOT NULL DEFAULT 0, "
                            + "next_run_at DATETIME(6) NOT NULL, "
                            + "last_run_at DATETIME(6) NULL, "
                            + "created_at DATETIME(6) NOT NULL " + NOW + ", "
                            + "updated_at DATETIME(6) NOT NULL " + NOW + ", "
                            + "UNIQUE KEY uq_pgqrs_schedules_name (name), "
                            + "INDEX idx_pgqrs_schedules_due (paused, next_run_at), "
                            + "FOREIGN KEY (queue_id) REFERENCES pgqrs_queues(id))" + TABLE)));

    private MariaDbSchema() {
    }
}
