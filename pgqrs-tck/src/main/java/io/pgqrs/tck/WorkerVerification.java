package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgqrs.Consumer;
import io.pgqrs.ErrorKind;
import io.pgqrs.Message;
import io.pgqrs.Producer;
import io.pgqrs.Worker;
import io.pgqrs.WorkerHealthStats;
import io.pgqrs.WorkerRecord;
import io.pgqrs.WorkerStats;
import io.pgqrs.WorkerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Worker registration, the state machine, heartbeats, zombies and worker statistics. When one fails, check the worker statements' status guards and time cut-offs.
 */
public abstract class WorkerVerification extends Verification {

    /** Registration gives ready; an active name is refused; a stopped name registers again. */
    @Test
    public void t59_registration() {
        String q = newQueue();
        Producer p = pgqrs.producer(q, "worker-a");
        WorkerRecord r = p.record();
        assertThat(r.status()).isEqualTo(WorkerStatus.READY);
        assertThat(r.startedAt()).isEqualTo(clock.instant());
        assertThat(r.heartbeatAt()).isEqualTo(clock.instant());
        assertThat(r.queueId()).isEqualTo(admin.getQueue(q).id());
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.consumer(q, "worker-a")).reason())
                .contains("Worker worker-a is already active. Cannot register duplicate.");
        p.suspend();
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> pgqrs.consumer(q, "worker-a")).reason())
                .contains("Worker worker-a is suspended. Use resume() to reactivate.");
        p.shutdown();
        clock.advance(Duration.ofSeconds(5));
        Consumer again = pgqrs.consumer(q, "worker-a");
        assertThat(again.id()).isEqualTo(p.id());
        WorkerRecord back = again.record();
        assertThat(back.status()).isEqualTo(WorkerStatus.READY);
        assertThat(back.shutdownAt()).isNull();
        assertThat(back.startedAt()).isEqualTo(clock.instant());
    }

    /** Ready → suspend → resume → suspend → shutdown; illegal transitions name from and to. */
    @Test
    public void t60_lifecycleAndIllegalTransitions() {
        String q = newQueue();
        Consumer c = pgqrs.consumer(q);
        var e = assertFails(ErrorKind.INVALID_STATE_TRANSITION, c::resume);
        assertThat(e.fromStatus()).contains(WorkerStatus.READY);
        assertThat(e.toStatus()).contains(WorkerStatus.READY);
        assertThat(e.reason()).contains("Worker must be in Suspended state to resume");
        assertThat(assertFails(ErrorKind.INVALID_STATE_TRANSITION, c::interrupt).toStatus()).contains(WorkerStatus.INTERRUPTED);
        assertFails(ErrorKind.INVALID_STATE_TRANSITION, c::shutdown);
        c.suspend();
        assertThat(c.status()).isEqualTo(WorkerStatus.SUSPENDED);
        assertFails(ErrorKind.INVALID_STATE_TRANSITION, c::suspend);
        c.resume();
        c.suspend();
        c.shutdown();
        WorkerRecord r = c.record();
        assertThat(r.status()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(r.shutdownAt()).isEqualTo(clock.instant());
        for (Runnable t : List.<Runnable>of(c::suspend, c::resume, c::shutdown)) {
            assertThat(assertFails(ErrorKind.INVALID_STATE_TRANSITION, t::run).fromStatus()).contains(WorkerStatus.STOPPED);
        }
        assertThat(assertFails(ErrorKind.SUSPENDED, () -> c.dequeue(1)).reason()).contains("worker stopped");
    }

    /** A producer shuts down only from suspended. */
    @Test
    public void t61_producerShutdownNeedsSuspend() {
        Producer p = pgqrs.producer(newQueue());
        assertFails(ErrorKind.INVALID_STATE_TRANSITION, p::shutdown);
        p.suspend();
        p.shutdown();
        assertThat(p.status()).isEqualTo(WorkerStatus.STOPPED);
    }

    /** A heartbeat refreshes heartbeat_at; health compares its age. */
    @Test
    public void t62_heartbeatAndHealth() {
        Consumer c = pgqrs.consumer(newQueue());
        clock.advance(Duration.ofSeconds(100));
        assertThat(c.isHealthy(Duration.ofSeconds(60))).isFalse();
        c.heartbeat();
        assertThat(c.record().heartbeatAt()).isEqualTo(clock.instant());
        assertThat(c.isHealthy(Duration.ofSeconds(60))).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(c.isHealthy(Duration.ZERO)).isFalse();
    }

    /** Every operation on a deleted worker is WORKER_NOT_FOUND. */
    @Test
    public void w2_missingWorker() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        p.suspend();
        p.shutdown();
        assertThat(admin.deleteWorker(p.id())).isTrue();
        assertThat(assertFails(ErrorKind.WORKER_NOT_FOUND, p::heartbeat).id()).hasValue(p.id());
        assertFails(ErrorKind.WORKER_NOT_FOUND, p::resume);
        assertFails(ErrorKind.WORKER_NOT_FOUND, () -> admin.worker(p.id()));
        assertFails(ErrorKind.WORKER_NOT_FOUND, () -> admin.workerMessages(p.id()));
    }

    /** A consumer holding messages cannot shut down; after archiving it can. */
    @Test
    public void t63_consumerShutdownWithHeldMessages() {
        String q = newQueue();
        pgqrs.producer(q).enqueueBatch(List.of(1, 2));
        Consumer c = pgqrs.consumer(q);
        List<Message> held = c.dequeue(2);
        c.suspend();
        var e = assertFails(ErrorKind.WORKER_HAS_PENDING_MESSAGES, c::shutdown);
        assertThat(e.count()).hasValue(2);
        assertThat(e.reason()).contains("Consumer has 2 pending messages");
        c.archiveMany(held.stream().map(Message::id).toList());
        c.shutdown();
        assertThat(c.status()).isEqualTo(WorkerStatus.STOPPED);
    }

    /** An admin worker has no queue; asking for its messages is VALIDATION_FAILED. */
    @Test
    public void t64_adminWorker() {
        Worker a = admin.registerAdmin("ops");
        assertThat(a.queueName()).isEmpty();
        assertThat(a.record().queueId()).isNull();
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.workerMessages(a.id())).reason())
                .contains("Cannot get messages for admin worker");
    }

    /** A worker referenced by messages (archived ones too) cannot be deleted. */
    @Test
    public void t65_deleteReferencedWorker() {
        String q = newQueue();
        Producer p = pgqrs.producer(q);
        p.enqueue(Map.of("n", 1));
        Consumer c = pgqrs.consumer(q);
        c.archive(c.dequeue(1).get(0).id());
        assertThat(assertFails(ErrorKind.VALIDATION_FAILED, () -> admin.deleteWorker(c.id())).reason().orElseThrow())
                .startsWith("Worker has 1 references (associated messages/archives)");
        Worker lone = admin.registerAdmin("lonely");
        assertThat(admin.deleteWorker(lone.id())).isTrue();
        assertThat(admin.deleteWorker(lone.id())).isFalse();
    }

    /** Purge deletes only old, stopped, unreferenced workers: named by no message, as producer or as consumer. */
    @Test
    public void t66_purgeOldWorkers() {
        String q = newQueue();
        Producer referenced = pgqrs.producer(q);
        referenced.enqueue(Map.of("n", 1));
        referenced.close();
        Consumer archivedBy = pgqrs.consumer(q);
        assertThat(archivedBy.archive(archivedBy.dequeue(1).get(0).id())).isTrue();
        archivedBy.close();
        Producer unreferenced = pgqrs.producer(q);
        unreferenced.close();
        Producer active = pgqrs.producer(q);
        clock.advance(Duration.ofDays(8));
        assertThat(admin.purgeOldWorkers(Duration.ofDays(7))).isEqualTo(1);
        assertThat(admin.listWorkers(q)).extracting(WorkerRecord::id)
                .containsExactlyInAnyOrder(referenced.id(), archivedBy.id(), active.id());
    }

    /** A silent consumer is a zombie; reclaim releases its messages, stops it, and its settles fail. */
    @Test
    public void t67_zombieReclaim() {
        String q = newQueue();
        Producer producer = pgqrs.producer(q);
        producer.enqueue(Map.of("n", 1));
        Consumer zombie = pgqrs.consumer(q);
        Message m = zombie.dequeue(1, Duration.ofSeconds(600)).get(0);
        Consumer healthy = pgqrs.consumer(q);
        clock.advance(Duration.ofSeconds(30));
        healthy.heartbeat();
        producer.heartbeat();
        assertThat(admin.listZombies(q, Duration.ofSeconds(10))).extracting(WorkerRecord::id).containsExactly(zombie.id());
        assertThat(admin.reclaimMessages(q, Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(zombie.status()).isEqualTo(WorkerStatus.STOPPED);
        Message released = producer.get(m.id());
        assertThat(released.consumerWorkerId()).isNull();
        assertThat(released.readCt()).isEqualTo(1);
        assertThat(zombie.archive(m.id())).isFalse();
        assertThat(zombie.extend(m.id(), Duration.ofSeconds(5))).isFalse();
        Message again = healthy.dequeue(1).get(0);
        assertThat(again.id()).isEqualTo(m.id());
        assertThat(again.readCt()).isEqualTo(2);
        assertThat(zombie.delete(m.id())).isFalse();
    }

    /** An admin can release a worker's messages without changing its status. */
    @Test
    public void w17_releaseWorkerMessages() {
        String q = newQueue();
        pgqrs.producer(q).enqueueBatch(List.of(1, 2, 3));
        Consumer c = pgqrs.consumer(q);
        c.dequeue(3);
        assertThat(admin.workerMessages(c.id())).hasSize(3);
        assertThat(admin.releaseWorkerMessages(c.id())).isEqualTo(3);
        assertThat(c.status()).isEqualTo(WorkerStatus.READY);
        assertThat(admin.releaseWorkerMessages(987654)).isZero();
    }

    /** Health stats, global and per queue, count stale ready/polling workers. */
    @Test
    public void t73_workerHealth() {
        String q1 = newQueue();
        String q2 = newQueue();
        pgqrs.producer(q1);
        Consumer c2 = pgqrs.consumer(q2);
        admin.registerAdmin("ops");
        clock.advance(Duration.ofSeconds(120));
        c2.heartbeat();
        WorkerHealthStats global = admin.workerHealth(Duration.ofSeconds(60), false).get(0);
        assertThat(global.queueName()).isEqualTo("Global");
        assertThat(global.totalWorkers()).isEqualTo(3);
        assertThat(global.staleWorkers()).isEqualTo(2);
        assertThat(admin.workerHealth(Duration.ofSeconds(60), true))
                .extracting(WorkerHealthStats::queueName, WorkerHealthStats::totalWorkers, WorkerHealthStats::staleWorkers)
                .containsExactly(
                        tuple("Admin", 1L, 1L),
                        tuple(q1, 1L, 1L),
                        tuple(q2, 1L, 0L));
    }

    /** Worker stats count by status and average held messages. */
    @Test
    public void t74_workerStats() {
        String q = newQueue();
        pgqrs.producer(q).enqueueBatch(List.of(1, 2, 3, 4));
        Consumer c = pgqrs.consumer(q);
        c.dequeue(4);
        Consumer idle = pgqrs.consumer(q);
        idle.suspend();
        clock.advance(Duration.ofSeconds(10));
        WorkerStats s = admin.workerStats(q);
        assertThat(s.totalWorkers()).isEqualTo(3);
        assertThat(s.readyWorkers()).isEqualTo(2);
        assertThat(s.suspendedWorkers()).isEqualTo(1);
        assertThat(s.averageMessagesPerWorker()).isEqualTo(4.0 / 3);
        assertThat(s.oldestWorkerAge()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.newestHeartbeatAge()).isEqualTo(Duration.ofSeconds(10));
    }
}
