package io.pgqrs.s3.internal;

import io.pgqrs.PgqrsException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where an S3 store lives, parsed from {@code s3://<bucket>/<key>}: bucket and key trimmed,
 * every leading {@code /} of the key removed, percent-escapes kept as written, query and fragment ignored.
 *
 * @param bucket the bucket
 * @param key the object key
 */
public record S3Location(String bucket, String key) {

    /**
     * @param dsn the DSN
     * @return the location
     * @throws PgqrsException {@code INVALID_CONFIG} on field {@code dsn} naming what is wrong
     */
    public static S3Location parse(String dsn) {
        URI uri;
        try {
            uri = new URI(dsn.trim());
        } catch (URISyntaxException e) {
            throw PgqrsException.invalidConfig("dsn", "Invalid S3 DSN format: " + dsn + " (" + e.getReason()
                    + "); expected s3://<bucket>/<key>");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equalsIgnoreCase("s3")) {
            throw PgqrsException.invalidConfig("dsn", "Invalid S3 DSN scheme '" + scheme + "': " + dsn);
        }
        String bucket = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().trim();
        if (bucket.isEmpty()) {
            throw PgqrsException.invalidConfig("dsn", "S3 DSN missing bucket: " + dsn + "; expected s3://<bucket>/<key>");
        }
        String key = uri.getRawPath() == null ? "" : uri.getRawPath().trim().replaceFirst("^/+", "").trim();
        if (key.isEmpty()) {
            throw PgqrsException.invalidConfig("dsn", "S3 DSN missing object key: " + dsn
                    + "; expected s3://<bucket>/<key>, e.g. s3://" + bucket + "/queue.sqlite");
        }
        return new S3Location(bucket, key);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
