package io.pgqrs.s3.internal;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An object-store request that may succeed when repeated: a 5xx answer, a broken connection, a timeout. Whether a
 * PUT that failed this way was applied is unknown until the object is read again. Callers that give up report it
 * as {@link #asError()}.
 */
public final class TransientFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final transient S3Location location;

    TransientFailure(String operation, S3Location location, SdkException cause) {
        super(cause.getMessage(), cause);
        this.operation = operation;
        this.location = location;
    }

    /** @return the error a caller reports when it stops retrying: {@code TIMEOUT} or {@code CONNECTION_FAILED} */
    public PgqrsException asError() {
        String text = String.valueOf(getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("timed out") || text.contains("timeout")) {
            return PgqrsException.of(ErrorKind.TIMEOUT, "Timeout: object_store:" + operation + " key="
                    + location.key() + ": " + getMessage(), getCause());
        }
        return PgqrsException.connectionFailed("S3 " + operation + " of " + location + " failed: check "
                + "AWS_ENDPOINT_URL and that the object store is up", getCause());
    }
}
