package io.pgqrs.s3;

import io.pgqrs.DurabilityMode;
import io.pgqrs.tck.CompatibilityKit;
import io.pgqrs.tck.StoreFixture;

/** The whole compatibility kit against S3 in local mode (the fixture syncs where the kit needs another connection to see writes). */
class S3LocalTckTest extends CompatibilityKit {
    private final StoreFixture fixture = new S3Fixture(DurabilityMode.LOCAL);

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }
}
