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

    /**
     * Every claim of the runtime (at most as many messages as its 8 handler slots) waits for an upload of the whole
     * file, which grows with the archived messages: 20 000 take about 4 minutes here, 2 000 a few seconds. The
     * local-mode kit runs the full 20 000 over the same code.
     */
    @Override
    protected int runtimeMessageCount() {
        return 2_000;
    }
}
