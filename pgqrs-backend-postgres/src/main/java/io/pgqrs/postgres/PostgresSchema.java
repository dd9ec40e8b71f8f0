package io.pgqrs.postgres;

import io.pgqrs.SchemaMigration;
import java.util.List;

/**
 * The migrations of the PostgreSQL schema: the six pgqrs tables in the reference layout and the message failures, in
 * the schema that {@code search_path} names (created by the user, never by install), plus the claim index on
 * (queue_id, vt, id) over live messages and a statement trigger that NOTIFYs {@code pgqrs_<schema>} with the queue id
 * of new messages so idle poll loops wake at once; then the message headers; then the idempotency keys, unique per
 * queue through a partial index that rows without a key stay out of; then priorities, whose claim index becomes
 * (queue_id, priority DESC, vt, id), and ordered groups, with a partial index over the live messages that have one;
 * then the recurring schedules, with a partial index on the next tick of those not paused; then the reference's second
 * claim index goes, and the foreign keys from messages to workers, which cost every claimed and enqueued row a check
 * and a lock; then the index on a message's producer, which every claim and archive wrote to and no statement read.
 * Migrations are
 * serialized per schema by {@link #MIGRATION_LOCK}.
 */
final class PostgresSchema {
    /** The NOTIFY channel for a schema; the schema name is validated, so it is a plain identifier. */
    static String channel(String schema) {
        return "pgqrs_" + schema;
    }

    /** The tables of the reference layout and ours, as of this library's first release; upgrades a reference store in place. */
    private static final List<String> VERSION_1 = List.of(
            "DO $$ BEGIN IF current_schema() IS NULL THEN RAISE EXCEPTION "
                    + "'pgqrs: schema % does not exist; create it first (CREATE SCHEMA ...), install never creates it', "
                    + "current_setting('search_path'); END IF; END $$",
            "CREATE TABLE IF NOT EXISTS pgqrs_schema_version ("
                    + "version INT PRIMARY KEY, "
                    + "description TEXT NOT NULL, "
                    + "applied_at TIMESTAMPTZ NOT NULL DEFAULT NOW())",
            "DO $$ BEGIN CREATE TYPE worker_status AS ENUM ('ready', 'polling', 'suspended', 'interrupted', 'stopped'); "
                    + "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "DO $$ BEGIN CREATE TYPE pgqrs_workflow_status AS ENUM "
                    + "('QUEUED', 'RUNNING', 'SUCCESS', 'ERROR', 'PAUSED', 'CANCELLING', 'CANCELLED'); "
                    + "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "ALTER TYPE pgqrs_workflow_status ADD VALUE IF NOT EXISTS 'QUEUED'",
            "ALTER TYPE pgqrs_workflow_status ADD VALUE IF NOT EXISTS 'CANCELLING'",
            "ALTER TYPE pgqrs_workflow_status ADD VALUE IF NOT EXISTS 'CANCELLED'",
            "CREATE TABLE IF NOT EXISTS pgqrs_queues ("
                    + "id BIGSERIAL PRIMARY KEY, "
                    + "queue_name VARCHAR UNIQUE NOT NULL, "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS pgqrs_workers ("
                    + "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "name TEXT NOT NULL, "
                    + "queue_id BIGINT, "
                    + "started_at TIMESTAMPTZ DEFAULT NOW(), "
                    + "heartbeat_at TIMESTAMPTZ DEFAULT NOW(), "
                    + "shutdown_at TIMESTAMPTZ, "
                    + "status worker_status NOT NULL DEFAULT 'ready', "
                    + "CONSTRAINT pgqrs_workers_name_key UNIQUE (name), "
                    + "CONSTRAINT fk_workers_queue_id FOREIGN KEY (queue_id) REFERENCES pgqrs_queues(id))",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_workers_queue_status ON pgqrs_workers (queue_id, status)",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_workers_heartbeat ON pgqrs_workers (heartbeat_at)",
            "CREATE TABLE IF NOT EXISTS pgqrs_messages ("
                    + "id BIGSERIAL PRIMARY KEY, "
                    + "queue_id BIGINT NOT NULL, "
                    + "payload JSONB NOT NULL, "
                    + "vt TIMESTAMPTZ DEFAULT NOW(), "
                    + "enqueued_at TIMESTAMPTZ DEFAULT NOW(), "
                    + "read_ct INT DEFAULT 0, "
                    + "dequeued_at TIMESTAMPTZ, "
                    + "producer_worker_id BIGINT, "
                    + "consumer_worker_id BIGINT, "
                    + "archived_at TIMESTAMPTZ, "
                    + "CONSTRAINT fk_messages_queue_id FOREIGN KEY (queue_id) REFERENCES pgqrs_queues(id), "
                    + "CONSTRAINT fk_messages_producer_worker_id FOREIGN KEY (producer_worker_id) REFERENCES pgqrs_workers(id), "
                    + "CONSTRAINT fk_messages_consumer_worker_id FOREIGN KEY (consumer_worker_id) REFERENCES pgqrs_workers(id))",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_messages_hot_path ON pgqrs_messages (queue_id, vt, enqueued_at, id) "
                    + "WHERE archived_at IS NULL",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_messages_claim ON pgqrs_messages (queue_id, vt, id) WHERE archived_at IS NULL",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_messages_consumer_worker_id_active ON pgqrs_messages (consumer_worker_id) "
                    + "WHERE archived_at IS NULL AND consumer_worker_id IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_messages_archived_at ON pgqrs_messages (queue_id, archived_at) "
                    + "WHERE archived_at IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_messages_producer_worker_id ON pgqrs_messages (producer_worker_id)",
            "CREATE TABLE IF NOT EXISTS pgqrs_message_failures ("
                    + "id BIGSERIAL PRIMARY KEY, "
                    + "message_id BIGINT NOT NULL REFERENCES pgqrs_messages(id) ON DELETE CASCADE, "
                    + "attempt INT NOT NULL, "
                    + "error TEXT NOT NULL, "
                    + "failed_at TIMESTAMPTZ NOT NULL DEFAULT NOW())",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_message_failures_message_id ON pgqrs_message_failures (message_id, id)",
            "CREATE TABLE IF NOT EXISTS pgqrs_workflows ("
                    + "id BIGSERIAL PRIMARY KEY, "
                    + "name VARCHAR(255) NOT NULL UNIQUE, "
                    + "queue_id BIGINT NOT NULL REFERENCES pgqrs_queues(id), "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT NOW())",
            "CREATE TABLE IF NOT EXISTS pgqrs_workflow_runs ("
                    + "id BIGSERIAL PRIMARY KEY, "
                    + "workflow_id BIGINT NOT NULL REFERENCES pgqrs_workflows(id) ON DELETE CASCADE, "
                    + "message_id BIGINT NOT NULL UNIQUE REFERENCES pgqrs_messages(id), "
                    + "status pgqrs_workflow_status NOT NULL, input JSONB, output JSONB, error JSONB, "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), "
                    + "started_at TIMESTAMPTZ, paused_at TIMESTAMPTZ, completed_at TIMESTAMPTZ, "
                    + "worker_id BIGINT REFERENCES pgqrs_workers(id))",
            "CREATE TABLE IF NOT EXISTS pgqrs_workflow_steps ("
                    + "id BIGSERIAL PRIMARY KEY, "
                    + "run_id BIGINT NOT NULL REFERENCES pgqrs_workflow_runs(id) ON DELETE CASCADE, "
                    + "step_name VARCHAR(255) NOT NULL, status pgqrs_workflow_status NOT NULL, "
                    + "input JSONB, output JSONB, error JSONB, "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), "
                    + "started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ, retry_count INTEGER NOT NULL DEFAULT 0, "
                    + "retry_at TIMESTAMPTZ, last_retry_at TIMESTAMPTZ, UNIQUE (run_id, step_name))",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_workflows_name ON pgqrs_workflows (name)",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_workflow_runs_message_id ON pgqrs_workflow_runs (message_id)",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_workflow_runs_status ON pgqrs_workflow_runs (status)",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_workflow_steps_status ON pgqrs_workflow_steps (status)",
            "CREATE INDEX IF NOT EXISTS idx_pgqrs_workflow_steps_retry_at ON pgqrs_workflow_steps (retry_at) "
                    + "WHERE retry_at IS NOT NULL",
            "CREATE OR REPLACE FUNCTION pgqrs_notify_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    + "DECLARE q BIGINT; BEGIN "
                    + "FOR q IN SELECT DISTINCT queue_id FROM pgqrs_new_messages LOOP "
                    + "PERFORM pg_notify('pgqrs_' || TG_TABLE_SCHEMA, CAST(q AS TEXT)); END LOOP; "
                    + "RETURN NULL; END $$",
            "DROP TRIGGER IF EXISTS pgqrs_messages_notify ON pgqrs_messages",
            "CREATE TRIGGER pgqrs_messages_notify AFTER INSERT ON pgqrs_messages "
                    + "REFERENCING NEW TABLE AS pgqrs_new_messages FOR EACH STATEMENT EXECUTE FUNCTION pgqrs_notify_enqueue()");

    /** The history of the schema, oldest first; add a migration at the end, never change one. */
    static final List<SchemaMigration> MIGRATIONS = List.of(
            new SchemaMigration(1, "pgqrs tables, message failures and claim index", VERSION_1),
            new SchemaMigration(2, "message headers", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS headers JSONB")),
            new SchemaMigration(3, "idempotency keys", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS idempotency_key TEXT",
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS idempotency_window_s BIGINT",
                    "CREATE UNIQUE INDEX IF NOT EXISTS idx_pgqrs_messages_idempotency_key "
                            + "ON pgqrs_messages (queue_id, idempotency_key) WHERE idempotency_key IS NOT NULL")),
            new SchemaMigration(4, "priorities and ordered groups", List.of(
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS priority INT NOT NULL DEFAULT 0",
                    "ALTER TABLE pgqrs_messages ADD COLUMN IF NOT EXISTS group_key TEXT",
                    "DROP INDEX IF EXISTS idx_pgqrs_messages_claim",
                    "CREATE INDEX idx_pgqrs_messages_claim ON pgqrs_messages (queue_id, priority DESC, vt, id) "
                            + "WHERE archived_at IS NULL",
                    "CREATE INDEX IF NOT EXISTS idx_pgqrs_messages_group ON pgqrs_messages (queue_id, group_key, id) "
                            + "WHERE archived_at IS NULL AND group_key IS NOT NULL")),
            new SchemaMigration(5, "recurring schedules", List.of(
                    "CREATE TABLE IF NOT EXISTS pgqrs_schedules ("
                            + "id BIGSERIAL PRIMARY KEY, "
                            + "name VARCHAR(255) NOT NULL UNIQUE, "
                            + "queue_id BIGINT NOT NULL REFERENCES pgqrs_queues(id), "
                            + "cron TEXT NOT NULL, "
                            + "zone TEXT NOT NULL, "
                            + "payload JSONB NOT NULL, "
                            + "headers JSONB, "
                            + "catch_up_ticks INT NOT NULL DEFAULT 1, "
                            + "paused SMALLINT NOT NULL DEFAULT 0, "
                            + "next_run_at TIMESTAMPTZ NOT NULL, "
                            + "last_run_at TIMESTAMPTZ, "
                            + "created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), "
                            + "updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW())",
                    "CREATE INDEX IF NOT EXISTS idx_pgqrs_schedules_due ON pgqrs_schedules (next_run_at) WHERE paused = 0",
                    "CREATE INDEX IF NOT EXISTS idx_pgqrs_schedules_queue_id ON pgqrs_schedules (queue_id)")),
            // The reference's (queue_id, vt, enqueued_at, id) index serves no statement of this library, whose claim
            // has an index of its own; with vt among its keys every claim wrote to it.
            new SchemaMigration(6, "one claim index", List.of(
                    "DROP INDEX IF EXISTS idx_pgqrs_messages_hot_path")),
            // The foreign keys from a message to its workers fired a check for every row a claim leased (half of a
            // 50-message claim's time) and every row an enqueue wrote, each locking the worker's row. Deleting a
            // worker still checks in the same transaction that no message names it, and admin verify reports a
            // message that names a missing worker.
            new SchemaMigration(7, "no foreign keys from messages to workers", List.of(
                    "ALTER TABLE pgqrs_messages DROP CONSTRAINT IF EXISTS fk_messages_consumer_worker_id",
                    "ALTER TABLE pgqrs_messages DROP CONSTRAINT IF EXISTS fk_messages_producer_worker_id")),
            // No statement reads messages by producer through an index: the checks that a worker is named by no
            // message read archived messages by holder too, which no index covers, so they scan the table either way.
            // A claim or an archive is not a HOT update (vt and archived_at are indexed), so every one of them wrote an
            // entry into this index as well.
            new SchemaMigration(8, "no index on the producer of a message", List.of(
                    "DROP INDEX IF EXISTS idx_pgqrs_messages_producer_worker_id")));

    /** Waits for any other migration of the same schema; released when the migration's transaction ends. */
    static final String MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(hashtext('pgqrs_migrate.' || current_schema()))";

    /** Dropped after the tables. */
    static final List<String> UNINSTALL_EXTRAS = List.of(
            "DROP FUNCTION IF EXISTS pgqrs_notify_enqueue()",
            "DROP TYPE IF EXISTS pgqrs_workflow_status",
            "DROP TYPE IF EXISTS worker_status");

    private PostgresSchema() {
    }
}
