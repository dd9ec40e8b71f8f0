package io.pgqrs.s3;

import static io.pgqrs.s3.S3StoreHarness.revisionFiles;
import static io.pgqrs.s3.S3StoreHarness.s3;
import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.DurabilityMode;
import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §8 on a real S3 server: install, snapshot, sync and state (T-87 to T-92), and restarts. */
class S3SyncTest {
    @TempDir
    Path dir;
    private S3StoreHarness s3;

    @BeforeEach
    void harness() {
        s3 = new S3StoreHarness(dir);
    }

    @AfterEach
    void close() {
        s3.close();
    }

    /** T-87: install creates the object; again on the same handle is fine; a fresh handle gets CONFLICT. */
    @Test
    void t87_installCreatesNeverOverwrites() {
        Pgqrs a = s3.open(DurabilityMode.DURABLE);
        assertThat(s3.remoteEtag()).isEmpty();
        a.admin().install();
        String first = s3.remoteEtag().orElseThrow();
        a.admin().install();
        assertThat(s3.remoteEtag()).as("uploaded again, same bytes (the ETag is their MD5)").contains(first);
        a.admin().createQueue("kept");

        Pgqrs fresh = s3.open(DurabilityMode.DURABLE);
        var e = assertFails(ErrorKind.CONFLICT, () -> fresh.admin().install());
        assertThat(e.getMessage()).contains("already exists").contains("never overwrites");
        assertThat(fresh.admin().getQueue("kept").name()).isEqualTo("kept");

        s3.deleteRemote();
        a.admin().install();
        assertThat(s3.remoteEtag()).isPresent();
        assertThat(s3.open(DurabilityMode.DURABLE).admin().getQueue("kept").name()).isEqualTo("kept");
    }

    /** T-88: snapshot pulls a new revision, leaves a current one alone, refuses over local writes. */
    @Test
    void t88_snapshot() throws Exception {
        Pgqrs writer = s3.open(DurabilityMode.LOCAL);
        Pgqrs reader = s3.open(DurabilityMode.LOCAL);
        assertThat(assertFails(ErrorKind.NOT_FOUND, () -> s3(reader).snapshot()).getMessage()).contains("install()");
        writer.admin().install();
        writer.admin().createQueue("q1");
        s3(writer).sync();

        s3(reader).snapshot();
        assertThat(reader.admin().listQueues()).extracting(q -> q.name()).containsExactly("q1");
        Path file = revisionFiles(dir.resolve("cache2")).get(0);
        Object identity = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        s3(reader).snapshot();
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(identity);

        writer.admin().createQueue("q2");
        s3(writer).sync();
        s3(reader).snapshot();
        assertThat(reader.admin().listQueues()).hasSize(2);

        reader.admin().createQueue("local-only");
        var e = assertFails(ErrorKind.CONFLICT, () -> s3(reader).snapshot());
        assertThat(e.getMessage()).contains("unsynced writes");
    }

    /** T-89: sync publishes only what is dirty, refuses a stale writer, recreates a deleted object. */
    @Test
    void t89_sync() {
        Pgqrs a = s3.open(DurabilityMode.LOCAL);
        a.admin().install();
        s3(a).sync();
        String published = s3.remoteEtag().orElseThrow();
        s3(a).sync();
        assertThat(s3.remoteEtag()).contains(published);

        s3.deleteRemote();
        s3(a).sync();
        assertThat(s3.remoteEtag()).as("a clean sync does not recreate").isEmpty();
        a.admin().createQueue("again");
        s3(a).sync();
        assertThat(s3.remoteEtag()).as("a dirty sync recreates").isPresent();

        for (int i = 0; i < 3; i++) {
            a.admin().createQueue("q" + i);
            s3(a).sync();
        }
        assertThat(revisionFiles(dir.resolve("cache1"))).hasSize(1);

        Pgqrs b = s3.open(DurabilityMode.LOCAL);
        s3(b).snapshot();
        b.admin().createQueue("from-b");
        s3(b).sync();
        a.admin().createQueue("stale");
        var e = assertFails(ErrorKind.CONFLICT, () -> s3(a).sync());
        assertThat(e.getMessage()).contains("changed concurrently").contains("reset()");
        s3(a).reset();
        assertThat(a.admin().listQueues()).extracting(q -> q.name()).contains("from-b").doesNotContain("stale");
    }

    /** T-90: every SyncState in the setup SPEC S3-11 gives it. */
    @Test
    void t90_everyState() {
        Pgqrs a = s3.open(DurabilityMode.LOCAL);
        assertThat(s3(a).state()).isEqualTo(SyncState.LOCAL_MISSING);
        a.admin().install();
        assertThat(s3(a).state()).isEqualTo(SyncState.REMOTE_MISSING_DIRTY);
        s3(a).sync();
        assertThat(s3(a).state()).isEqualTo(SyncState.IN_SYNC);
        a.admin().createQueue("x");
        assertThat(s3(a).state()).isEqualTo(SyncState.LOCAL_CHANGES);
        s3(a).sync();

        Pgqrs b = s3.open(DurabilityMode.LOCAL);
        s3(b).snapshot();
        b.admin().createQueue("y");
        s3(b).sync();
        assertThat(s3(a).state()).isEqualTo(SyncState.REMOTE_CHANGES);
        a.admin().createQueue("z");
        assertThat(s3(a).state()).isEqualTo(SyncState.CONCURRENT_CHANGES);
        assertThat(SyncState.CONCURRENT_CHANGES.localDirty()).isTrue();

        s3.deleteRemote();
        assertThat(s3(b).state()).isEqualTo(SyncState.REMOTE_MISSING_CLEAN);
    }

    /** T-92 in durable mode (D-9): a stale handle does not wedge; it replays on the new revision. */
    @Test
    void t92_staleDurableWriterReplays() {
        Pgqrs a = s3.open(DurabilityMode.DURABLE);
        a.admin().install();
        a.admin().createQueue("shared");
        Pgqrs b = s3.open(DurabilityMode.DURABLE);
        b.producer("shared").enqueue(Map.of("from", "b"));
        a.producer("shared").enqueue(Map.of("from", "a"));
        b.producer("shared").enqueue(Map.of("from", "b2"));
        assertThat(a.admin().listMessages("shared")).hasSize(3);
        assertThat(b.admin().listMessages("shared")).hasSize(3);
    }

    /** A restart finds unpublished writes (LOCAL_CHANGES): local mode keeps them, durable mode drops them. */
    @Test
    void restartFindsUnpublishedWrites() {
        Path cache = dir.resolve("restarted");
        Pgqrs a = s3.open(DurabilityMode.LOCAL, cache);
        a.admin().install();
        a.admin().createQueue("published");
        s3(a).sync();
        a.admin().createQueue("unpublished");
        a.close();

        Pgqrs again = s3.open(DurabilityMode.LOCAL, cache);
        assertThat(s3(again).state()).isEqualTo(SyncState.LOCAL_CHANGES);
        assertThat(again.admin().listQueues()).hasSize(2);
        again.close();

        Pgqrs durable = s3.open(DurabilityMode.DURABLE, cache);
        assertThat(durable.admin().listQueues()).extracting(q -> q.name()).containsExactly("published");
        assertThat(s3(durable).state()).isEqualTo(SyncState.IN_SYNC);
    }

    /** SPEC S3-2: two handles never share a cache directory. */
    @Test
    void cacheDirectoryIsExclusive() {
        Path cache = dir.resolve("one");
        s3.open(DurabilityMode.LOCAL, cache);
        var e = assertFails(ErrorKind.INVALID_CONFIG, () -> s3.open(DurabilityMode.LOCAL, cache));
        assertThat(e.field()).contains("s3.cache_dir");
        assertThat(e.getMessage()).contains("in use by another store handle");
    }

    /** A cache directory that held another object's copy starts empty for this one. */
    @Test
    void cacheDirectoryOfAnotherObjectStartsEmpty() {
        Path cache = dir.resolve("shared-over-time");
        Pgqrs first = s3.open(DurabilityMode.LOCAL, cache);
        first.admin().install();
        first.admin().createQueue("of-the-first-object");
        first.close();
        try (S3StoreHarness other = new S3StoreHarness(dir)) {
            Pgqrs second = other.open(DurabilityMode.LOCAL, cache);
            assertThat(s3(second).state()).isEqualTo(SyncState.LOCAL_MISSING);
            assertFails(ErrorKind.SCHEMA_VALIDATION, () -> second.admin().listQueues());
        }
    }
}
