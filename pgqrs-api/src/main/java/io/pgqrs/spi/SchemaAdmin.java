package io.pgqrs.spi;

import io.pgqrs.SchemaMigration;
import java.util.List;

/**
 * Creates, migrates, checks and removes the pgqrs tables: the reference layout's six ({@code pgqrs_queues},
 * {@code pgqrs_workers}, {@code pgqrs_messages}, {@code pgqrs_workflows}, {@code pgqrs_workflow_runs} and
 * {@code pgqrs_workflow_steps}, with its columns and indexes, so that a database written by either implementation can
 * be read by the other), {@code pgqrs_message_failures} ({@code message_id}, {@code attempt}, {@code error},
 * {@code failed_at}; its rows go when their message is deleted), which the reference neither reads nor needs,
 * {@code pgqrs_schedules} (the recurring schedules, see {@link ScheduleTable}), and {@code pgqrs_schema_version}, one
 * row per migration applied.
 *
 * <p>The schema has a version: the highest migration recorded in the store, 0 when nothing is recorded (an empty
 * store, or one installed by the reference implementation or before versions existed). The backend's migrations are
 * numbered 1, 2, 3 …; migration 1 also brings a store in the reference layout up to date in place, its rows
 * untouched, and every column a later migration adds is nullable or has a default, so that the reference can still
 * read the queue. A store whose version is above {@link #latestVersion()} was migrated by a newer library: nothing
 * here writes to it.
 */
public interface SchemaAdmin {

    /**
     * Applies, in order, the migrations the store lacks, and records each; a no-op on a store that is up to date.
     * Where the database allows it the whole run is one transaction, so that a failure leaves the version as it was.
     * Two processes installing at once are serialized by a lock held for the run (the second finds the work done and
     * does nothing); the version is read under that lock.
     *
     * @throws io.pgqrs.PgqrsException {@code SCHEMA_VALIDATION} when the store's version is above
     *         {@link #latestVersion()}, before anything is written; {@code MIGRATION_FAILED} when a statement fails
     */
    void install();

    /** @return the highest migration recorded in the store; 0 when there is no record */
    int installedVersion();

    /** @return the highest migration this backend knows */
    int latestVersion();

    /**
     * Lists what {@link #install()} would run now, writing nothing: the store's missing migrations, oldest first,
     * each with every statement {@code install()} would execute for it (recording the version included).
     *
     * @return the pending migrations; empty when the store is up to date
     * @throws io.pgqrs.PgqrsException {@code SCHEMA_VALIDATION} when the store's version is above
     *         {@link #latestVersion()}
     */
    List<SchemaMigration> pendingMigrations();

    /**
     * @param tables table names to look for, e.g. {@code pgqrs_queues}
     * @return those of {@code tables} that do not exist (in the configured schema), in the given order
     */
    List<String> missingTables(List<String> tables);

    /** @return how many messages name a queue id that has no queue row */
    long countMessagesWithoutQueue();

    /** @return how many messages name a producer or consumer id that has no worker row */
    long countMessagesWithoutWorker();

    /** Drops the pgqrs tables, children first, and the version record; a no-op when they are absent. */
    void uninstall();
}
