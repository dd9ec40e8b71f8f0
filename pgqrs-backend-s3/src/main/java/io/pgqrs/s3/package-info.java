/**
 * The S3 backend: {@link io.pgqrs.s3.S3StoreProvider} for {@code s3://bucket/key} DSNs and the
 * {@link io.pgqrs.s3.S3Store} operations (mode, state, snapshot, sync, reset) reached with
 * {@code pgqrs.store().unwrap(S3Store.class)}.
 */
package io.pgqrs.s3;
