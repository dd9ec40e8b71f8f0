package io.pgqrs.s3;

import io.pgqrs.DurabilityMode;
import io.pgqrs.tck.CompatibilityKit;
import io.pgqrs.tck.StoreFixture;

/** The whole compatibility kit against S3 in durable mode (every call published before it returns). */
class S3DurableTckTest extends CompatibilityKit {
    private final StoreFixture fixture = new S3Fixture(DurabilityMode.DURABLE);

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
