package io.pgqrs.bench;

import io.pgqrs.Config;
import io.pgqrs.s3.internal.RemoteObject;
import io.pgqrs.s3.internal.S3Clients;
import io.pgqrs.s3.internal.S3Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ceiling of a store kept as one S3 object: what the object store alone allows, with no SQLite work. Every commit
 * is one conditional PUT ({@code If-Match} the last ETag) of a copy of the store's object, the same size, made by the
 * store's own {@link RemoteObject} through the same client settings and proxy. Commits of concurrent clients are
 * grouped, as the store's group committer groups them: a commit waits for the first PUT that starts after it asks,
 * one PUT answers every commit waiting when it starts, and a PUT waits briefly for the clients the last one answered.
 * Messages are ids handed out in order from memory, each once.
 *
 * <p>So a client that acknowledges and fetches in one call costs one PUT per batch, and C such clients may share one:
 * at C=1 and B=1 the ceiling is one message per PUT round trip.
 */
final class ObjectCeiling implements AutoCloseable {
    private static final long MAX_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final S3Client client;
    private final RemoteObject object;
    private final Path copy;
    private final long messages;
    private long nextId = 1;
    private String etag;
    /** Commits asked for, and commits a finished PUT answered. */
    private long requested;
    private long published;
    private boolean putting;
    /** Commits the last PUT answered, and how long to wait for as many before the next. */
    private long lastGroup;
    private long gatherNanos;

    private ObjectCeiling(S3Client client, RemoteObject object, Path copy, long messages) {
        this.client = client;
        this.object = object;
        this.copy = copy;
        this.messages = messages;
    }

    /**
     * Downloads the store's object and creates a copy of it under a key of its own beside it
     * ({@code If-None-Match: *}), with the store's own {@link RemoteObject}.
     *
     * @param store the configuration of the store whose object is copied
     * @param messages the ids to hand out, 1 to {@code messages}
     * @return the ceiling, ready for its first commit
     * @throws IOException when the local copy cannot be made
     */
    static ObjectCeiling copyOf(Config store, long messages) throws IOException {
        S3Location location = S3Location.parse(store.dsn());
        Path copy = Files.createTempFile("pgqrs-ceiling", ".sqlite");
        S3Client client = S3Clients.create(store, System.getenv());
        try {
            new RemoteObject(client, location).download(copy).orElseThrow();
            RemoteObject object = new RemoteObject(client, new S3Location(location.bucket(),
                    location.key().replaceFirst("\\.sqlite$", "") + "-ceiling.sqlite"));
            ObjectCeiling ceiling = new ObjectCeiling(client, object, copy, messages);
            ceiling.etag = object.create(copy, UUID.randomUUID().toString());
            return ceiling;
        } catch (RuntimeException e) {
            client.close();
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /**
     * @param batch at most this many
     * @return the next ids not handed out yet, in order
     */
    synchronized List<Long> take(int batch) {
        List<Long> ids = new ArrayList<>();
        while (ids.size() < batch && nextId <= messages) {
            ids.add(nextId++);
        }
        return ids;
    }

    /**
     * Returns once a PUT that started after this call has succeeded.
     *
     * @throws InterruptedException when interrupted while another client's PUT runs
     */
    void commit() throws InterruptedException {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
            notifyAll();
        }
        while (true) {
            long upTo;
            synchronized (this) {
                while (putting && published < ticket) {
                    wait();
                }
                if (published >= ticket) {
                    return;
                }
                putting = true;
                gather();
                upTo = requested;
            }
            boolean succeeded = false;
            long started = System.nanoTime();
            try {
                String next = object.replace(copy, etag, UUID.randomUUID().toString());
                synchronized (this) {
                    etag = next;
                }
                succeeded = true;
            } finally {
                synchronized (this) {
                    putting = false;
                    if (succeeded) {
                        lastGroup = upTo - published;
                        gatherNanos = Math.min(MAX_GATHER_NANOS, (System.nanoTime() - started) / 10);
                        published = upTo;
                    }
                    notifyAll();
                }
            }
        }
    }

    /**
     * Before a PUT, waits for as many commits as the last PUT answered, the clients it answered usually coming straight
     * back, but no longer than a tenth of the last PUT (at most 5 ms), as the store's committer does: without that
     * wait, clients split into groups that take turns, each PUT carrying one group.
     */
    private void gather() throws InterruptedException {
        long deadline = System.nanoTime() + gatherNanos;
        long left;
        while (requested - published < lastGroup && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            S3Location location = object.location();
            client.deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
        } finally {
            client.close();
            Files.deleteIfExists(copy);
        }
    }
}
