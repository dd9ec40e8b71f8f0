/**
 * The pgqrs compatibility kit. A backend's tests extend {@link io.pgqrs.tck.CompatibilityKit} once (or the
 * groups one by one: {@link io.pgqrs.tck.QueueVerification}, {@link io.pgqrs.tck.ProducerVerification},
 * {@link io.pgqrs.tck.ConsumerVerification}, {@link io.pgqrs.tck.WorkerVerification},
 * {@link io.pgqrs.tck.StoreVerification} and {@link io.pgqrs.tck.ConcurrencyVerification}), with one
 * {@link io.pgqrs.tck.StoreFixture} that hands out a fresh store per test.
 *
 * <p>Test names start with a short, stable tag ({@code t23_}, {@code dg1_}, {@code tx1_} …) so that a report can be
 * compared across releases; each test's Javadoc says what it checks and what to look at when it fails.
 *
 * <p>The kit is built on JUnit Jupiter 6 (the version in the kit's pom); run it with the same JUnit line, e.g. by
 * importing {@code org.junit:junit-bom} of that version in your build.
 */
package io.pgqrs.tck;
