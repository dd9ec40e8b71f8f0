package io.pgqrs.cli;

import io.pgqrs.DurabilityMode;
import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.s3.S3Store;

/**
 * What a command does around an S3 store (SPEC CLI-10, D-11): it first pulls the remote revision, tolerating a
 * missing object so that {@code admin install} can create it; in local mode it publishes its writes when it
 * succeeded, since nothing else would before the process exits. Other stores are left alone.
 */
final class S3Session {
    private S3Session() {
    }

    static void begin(Pgqrs pgqrs) {
        pgqrs.store().unwrap(S3Store.class).ifPresent(s3 -> {
            try {
                s3.snapshot();
            } catch (PgqrsException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw e;
                }
            }
        });
    }

    static void end(Pgqrs pgqrs) {
        pgqrs.store().unwrap(S3Store.class).filter(s3 -> s3.mode() == DurabilityMode.LOCAL).ifPresent(S3Store::sync);
    }
}
