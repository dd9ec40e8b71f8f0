package io.pgqrs.postgres;

import io.pgqrs.tck.CompatibilityKit;
import io.pgqrs.tck.StoreFixture;
import org.junit.jupiter.api.AfterAll;

/** The whole compatibility kit a second time, through PgBouncer in transaction pooling mode. */
class PgBouncerTckTest extends CompatibilityKit {
    private static final PgBouncerFixture FIXTURE = new PgBouncerFixture("public");

    @Override
    protected StoreFixture fixture() {
        return FIXTURE;
    }

    @AfterAll
    static void dropDatabase() {
        FIXTURE.close();
    }
}
