package io.pgqrs.s3.internal;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The one object of a store, as the object store sees it: HEAD, GET to a file, and the two conditional PUTs; and
 * beside it, under the same key followed by {@value #MARKER_SUFFIX}, the small marker through which a writer that
 * keeps losing races asks the others for a turn ({@link TurnRequests}).
 * Failures are translated once: a missing object is NOT_FOUND, a failed precondition CONFLICT, a time-out TIMEOUT; a failure that may be transient (a 5xx answer, a broken connection,
 * a timeout) is a {@link TransientFailure} so that the caller can find out whether a PUT was applied before it
 * retries.
 */
public final class RemoteObject {
    /** User metadata naming the commit that wrote a revision, so a retried PUT can recognise its own earlier one. */
    static final String COMMIT_METADATA = "pgqrs-commit";
    /** What the marker's key adds to the store's key. */
    public static final String MARKER_SUFFIX = ".waiting";
    /** User metadata of the marker: how long, in milliseconds, the writer that rewrote it needs for a turn. */
    static final String TURN_METADATA = "pgqrs-turn-millis";

    private final S3Client client;
    private final S3Location location;

    /**
     * @param client the client
     * @param location the object
     */
    public RemoteObject(S3Client client, S3Location location) {
        this.client = client;
        this.location = location;
    }

    /** @return where the object lives */
    public S3Location location() {
        return location;
    }

    /**
     * @return the current revision, or empty when the object does not exist
     * @throws TransientFailure when the object store did not answer cleanly
     */
    public Optional<Revision> head() {
        try {
            HeadObjectResponse r = client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
            return Optional.of(new Revision(r.eTag(), r.metadata().get(COMMIT_METADATA)));
        } catch (SdkException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw translate("head", e);
        }
    }

    /**
     * @return the marker's current revision, or empty when there is none
     * @throws TransientFailure when the object store did not answer cleanly
     */
    public Optional<Marker> marker() {
        try {
            HeadObjectResponse r = client.headObject(b -> b.bucket(location.bucket()).key(markerKey()));
            return Optional.of(new Marker(r.eTag(), turnMillis(r.metadata().get(TURN_METADATA))));
        } catch (SdkException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw translate("head of the marker", e);
        }
    }

    /**
     * Rewrites the marker, unconditionally.
     *
     * @param note its content; different on every call, so that every rewrite gets a new ETag
     * @param turnMillis how long the writer needs for a turn, in milliseconds
     * @return the new ETag
     */
    public String rewriteMarker(String note, long turnMillis) {
        try {
            return client.putObject(b -> b.bucket(location.bucket()).key(markerKey()).contentType("text/plain")
                            .metadata(Map.of(TURN_METADATA, Long.toString(turnMillis))),
                    RequestBody.fromString(note)).eTag();
        } catch (SdkException e) {
            throw translate("put of the marker", e);
        }
    }

    private String markerKey() {
        return location.key() + MARKER_SUFFIX;
    }

    /** @return the turn a marker asks for, in milliseconds; 0 when it names none that can be read */
    private static long turnMillis(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Downloads the current revision.
     *
     * @param target the file to write (replaced)
     * @return its ETag, or empty when the object does not exist
     */
    public Optional<String> download(Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            GetObjectResponse r = client.getObject(b -> b.bucket(location.bucket()).key(location.key()),
                    ResponseTransformer.toFile(deleted(partial)));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(r.eTag());
        } catch (SdkException e) {
            deleteQuietly(partial);
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw translate("get", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the downloaded revision to " + target, e);
        }
    }

    /**
     * Writes {@code file} as the object only if it does not exist ({@code If-None-Match: *}).
     *
     * @param file the database file
     * @param commit this commit's id, stored as metadata
     * @return the new ETag
     * @throws PgqrsException {@code CONFLICT} when the object exists
     */
    public String create(Path file, String commit) {
        return put(file, commit, b -> b.ifNoneMatch("*"), "create");
    }

    /**
     * Writes {@code file} as the object only if its ETag still is {@code etag} ({@code If-Match}).
     *
     * @param file the database file
     * @param etag the revision the file descends from
     * @param commit this commit's id, stored as metadata
     * @return the new ETag
     * @throws PgqrsException {@code CONFLICT} when another revision was published; {@code NOT_FOUND} when the
     *         object was deleted
     */
    public String replace(Path file, String etag, String commit) {
        return put(file, commit, b -> b.ifMatch(etag), "replace");
    }

    private String put(Path file, String commit, java.util.function.Consumer<PutObjectRequest.Builder> condition,
            String operation) {
        try {
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(location.bucket()).key(location.key())
                    .contentType("application/vnd.sqlite3").metadata(Map.of(COMMIT_METADATA, commit));
            condition.accept(request);
            return client.putObject(request.build(), RequestBody.fromBytes(Files.readAllBytes(file))).eTag();
        } catch (SdkException e) {
            throw translate(operation, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local copy " + file, e);
        }
    }

    private RuntimeException translate(String operation, SdkException e) {
        int status = status(e);
        String key = location.key();
        if (status == 404 && "NoSuchBucket".equals(errorCode(e))) {
            return PgqrsException.connectionFailed("bucket '" + location.bucket() + "' does not exist: create it, "
                    + "or fix the DSN " + location, e);
        }
        if (status == 404) {
            return PgqrsException.of(ErrorKind.NOT_FOUND, "Not found: object '" + key + "' in bucket '"
                    + location.bucket() + "' (" + operation + ")", e);
        }
        if (status == 412 || status == 409) {
            return PgqrsException.of(ErrorKind.CONFLICT, "ObjectStore " + operation + " conflict for key '" + key
                    + "': " + e.getMessage(), e);
        }
        if (status == 403 || status == 401) {
            return PgqrsException.connectionFailed("S3 refused " + operation + " of " + location
                    + ": check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy", e);
        }
        if (status >= 500 || e instanceof SdkClientException) {
            String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("unable to load credentials")) {
                return PgqrsException.connectionFailed("no AWS credentials for " + location
                        + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or a profile)", e);
            }
            return new TransientFailure(operation, location, e);
        }
        return PgqrsException.of(ErrorKind.INTERNAL, "ObjectStore " + operation + " of " + location + " failed: "
                + e.getMessage(), e);
    }

    private static String errorCode(SdkException e) {
        return e instanceof S3Exception s3 && s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : null;
    }

    private static int status(SdkException e) {
        if (e instanceof S3Exception s3) {
            return s3.statusCode();
        }
        return -1;
    }

    private static Path deleted(Path p) throws IOException {
        Files.deleteIfExists(p);
        return p;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover partial download is replaced by the next one
        }
    }

    /**
     * One revision of the object.
     *
     * @param etag its ETag, as the server quotes it
     * @param commit the id of the commit that wrote it, when pgqrs did
     */
    public record Revision(String etag, String commit) {
    }

    /**
     * One revision of the marker beside the object.
     *
     * @param etag its ETag
     * @param turnMillis how long the writer that wrote it needs for a turn, in milliseconds; 0 when unknown
     */
    public record Marker(String etag, long turnMillis) {
    }
}
