package io.pgqrs;

/** How many processes may share one store safely: one, several on one host (one SQLite file), or any number anywhere. */
public enum ConcurrencyModel {
    /** Any number of processes on any number of hosts (PostgreSQL). */
    MULTI_PROCESS,
    /** Several processes on one host sharing a file (SQLite in WAL mode). */
    MULTI_PROCESS_SAME_HOST,
    /** One process at a time. */
    SINGLE_PROCESS
}
