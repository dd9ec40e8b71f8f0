/**
 * Test helpers for applications that use pgqrs: an embedded, installed store per test on a settable clock, a
 * synchronous drain of a queue through a handler, and assertions on what was enqueued. Add it in test scope.
 */
module io.pgqrs.test {
    requires transitive io.pgqrs;
    requires io.pgqrs.sqlite;

    exports io.pgqrs.test;
}
