package io.pgqrs.bench;

/**
 * One measured point of the drain grid.
 *
 * @param consumers consumer threads
 * @param batch dequeue batch size
 * @param messages messages drained (each counted once)
 * @param seconds drain time
 * @param msgsPerSecond throughput over the drain
 * @param dequeueP50 dequeue latency, ms
 * @param dequeueP95 dequeue latency, ms
 * @param dequeueP99 dequeue latency, ms
 * @param archiveP50 archive latency per batch call, ms
 * @param archiveP95 archive latency per batch call, ms
 * @param archiveP99 archive latency per batch call, ms
 * @param emptyPolls dequeues that returned nothing
 * @param puts S3 PUTs issued during the drain (0 for other backends)
 */
record DrainPoint(int consumers, int batch, long messages, double seconds, double msgsPerSecond,
                  double dequeueP50, double dequeueP95, double dequeueP99,
                  double archiveP50, double archiveP95, double archiveP99, long emptyPolls, long puts) {

    /** @return messages drained per S3 PUT, 0 when none was issued */
    double messagesPerPut() {
        return puts == 0 ? 0 : (double) messages / puts;
    }
}
