/**
 * The pgqrs compatibility kit. A backend's tests extend {@link io.pgqrs.tck.QueueVerification},
 * {@link io.pgqrs.tck.ProducerVerification}, {@link io.pgqrs.tck.ConsumerVerification},
 * {@link io.pgqrs.tck.WorkerVerification} and {@link io.pgqrs.tck.ConcurrencyVerification}, each with one
 * {@link io.pgqrs.tck.StoreFixture} that hands out a fresh store per test. Test names carry the SPEC rule they check.
 */
package io.pgqrs.tck;
