package io.pgqrs.postgres;

import io.pgqrs.Config;
import io.pgqrs.tck.ReferenceMigrationVerification;
import io.pgqrs.tck.StoreFixture;
import io.pgqrs.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Migrations from the reference 0.15 layout and from this library's first layout, in PostgreSQL schemas. */
class PostgresMigrationTest extends ReferenceMigrationVerification {
    /**
     * The reference implementation's PostgreSQL tables, types and indexes, as its 0.15 migrations leave them, with a
     * workflow status type from before {@code CANCELLING} and {@code CANCELLED}, which install must extend.
     */
    private static final List<String> REFERENCE_0_15 = List.of(
            "CREATE TYPE worker_status AS ENUM ('ready', 'polling', 'suspended', 'interrupted', 'stopped')",
            "CREATE TYPE pgqrs_workflow_status AS ENUM ('QUEUED', 'RUNNING', 'SUCCESS', 'ERROR', 'PAUSED')",
            "CREATE TABLE pgqrs_queues (id BIGSERIAL PRIMARY KEY, queue_name VARCHAR UNIQUE NOT NULL, "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            "CREATE TABLE pgqrs_workers (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL, "
                    + "queue_id BIGINT, started_at TIMESTAMPTZ DEFAULT NOW(), heartbeat_at TIMESTAMPTZ DEFAULT NOW(), "
                    + "shutdown_at TIMESTAMPTZ, status worker_status NOT NULL DEFAULT 'ready', "
                    + "CONSTRAINT pgqrs_workers_name_key UNIQUE (name), "
                    + "CONSTRAINT fk_workers_queue_id FOREIGN KEY (queue_id) REFERENCES pgqrs_queues(id))",
            "CREATE INDEX idx_pgqrs_workers_queue_status ON pgqrs_workers (queue_id, status)",
            "CREATE INDEX idx_pgqrs_workers_heartbeat ON pgqrs_workers (heartbeat_at)",
            "CREATE TABLE pgqrs_messages (id BIGSERIAL PRIMARY KEY, queue_id BIGINT NOT NULL, payload JSONB NOT NULL, "
                    + "vt TIMESTAMPTZ DEFAULT NOW(), enqueued_at TIMESTAMPTZ DEFAULT NOW(), read_ct INT DEFAULT 0, "
                    + "dequeued_at TIMESTAMPTZ, producer_worker_id BIGINT, consumer_worker_id BIGINT, archived_at TIMESTAMPTZ, "
                    + "CONSTRAINT fk_messages_queue_id FOREIGN KEY (queue_id) REFERENCES pgqrs_queues(id), "
                    + "CONSTRAINT fk_messages_producer_worker_id FOREIGN KEY (producer_worker_id) REFERENCES pgqrs_workers(id), "
                    + "CONSTRAINT fk_messages_consumer_worker_id FOREIGN KEY (consumer_worker_id) REFERENCES pgqrs_workers(id))",
            "CREATE INDEX idx_pgqrs_messages_hot_path ON pgqrs_messages (queue_id, vt, enqueued_at, id) WHERE archived_at IS NULL",
            "CREATE INDEX idx_pgqrs_messages_consumer_worker_id_active ON pgqrs_messages (consumer_worker_id) "
                    + "WHERE archived_at IS NULL AND consumer_worker_id IS NOT NULL",
            "CREATE INDEX idx_pgqrs_messages_archived_at ON pgqrs_messages (queue_id, archived_at) WHERE archived_at IS NOT NULL",
            "CREATE INDEX idx_pgqrs_messages_producer_worker_id ON pgqrs_messages (producer_worker_id)",
            "CREATE TABLE pgqrs_workflows (id BIGSERIAL PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE, "
                    + "queue_id BIGINT NOT NULL REFERENCES pgqrs_queues(id), created_at TIMESTAMPTZ NOT NULL DEFAULT NOW())",
            "CREATE TABLE pgqrs_workflow_runs (id BIGSERIAL PRIMARY KEY, "
                    + "workflow_id BIGINT NOT NULL REFERENCES pgqrs_workflows(id) ON DELETE CASCADE, "
                    + "message_id BIGINT NOT NULL UNIQUE REFERENCES pgqrs_messages(id), status pgqrs_workflow_status NOT NULL, "
                    + "input JSONB, output JSONB, error JSONB, created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), "
                    + "updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), started_at TIMESTAMPTZ, paused_at TIMESTAMPTZ, "
                    + "completed_at TIMESTAMPTZ, worker_id BIGINT REFERENCES pgqrs_workers(id))",
            "CREATE TABLE pgqrs_workflow_steps (id BIGSERIAL PRIMARY KEY, "
                    + "run_id BIGINT NOT NULL REFERENCES pgqrs_workflow_runs(id) ON DELETE CASCADE, "
                    + "step_name VARCHAR(255) NOT NULL, status pgqrs_workflow_status NOT NULL, input JSONB, output JSONB, "
                    + "error JSONB, created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), "
                    + "started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ, retry_count INTEGER NOT NULL DEFAULT 0, "
                    + "retry_at TIMESTAMPTZ, last_retry_at TIMESTAMPTZ, UNIQUE (run_id, step_name))",
            "CREATE INDEX idx_pgqrs_workflows_name ON pgqrs_workflows (name)",
            "CREATE INDEX idx_pgqrs_workflow_runs_message_id ON pgqrs_workflow_runs (message_id)",
            "CREATE INDEX idx_pgqrs_workflow_runs_status ON pgqrs_workflow_runs (status)",
            "CREATE INDEX idx_pgqrs_workflow_steps_status ON pgqrs_workflow_steps (status)",
            "CREATE INDEX idx_pgqrs_workflow_steps_retry_at ON pgqrs_workflow_steps (retry_at) WHERE retry_at IS NOT NULL");

    private final StoreFixture fixture = new PostgresFixture();

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
        return PostgresSchema.MIGRATIONS.get(0).statements();
    }

    @Override
    protected Connection connectDirectly(Config config) throws SQLException {
        Connection c = PostgresServer.connect(PostgresServer.get().dsn());
        c.setSchema(config.schema());
        return c;
    }
}
