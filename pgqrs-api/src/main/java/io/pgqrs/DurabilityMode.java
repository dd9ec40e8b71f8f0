package io.pgqrs;

/** When writes of an object-store backend reach the remote object (set with {@code PGQRS_S3_MODE} or {@code s3.mode}). */
public enum DurabilityMode {
    /** Every write is acknowledged only after the remote object holds it. */
    DURABLE,
    /** Writes stay local until {@code sync()}. */
    LOCAL
}
