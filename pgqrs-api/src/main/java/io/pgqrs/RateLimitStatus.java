package io.pgqrs;

/**
 * The state of a producer's token bucket.
 *
 * @param availableTokens tokens that can be spent now
 * @param maxPerSecond refill rate in tokens per second
 * @param burstCapacity bucket size
 */
public record RateLimitStatus(long availableTokens, long maxPerSecond, long burstCapacity) {
}
