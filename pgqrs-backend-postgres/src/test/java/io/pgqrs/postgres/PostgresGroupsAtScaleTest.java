package io.pgqrs.postgres;

import io.pgqrs.tck.OrderingVerification;
import io.pgqrs.tck.StoreFixture;

/**
 * The ordering group at the scale: 1 000 groups of 20 messages drained by 8 consumers while one group's head
 * fails on every delivery.
 */
class PostgresGroupsAtScaleTest extends OrderingVerification {
    private final StoreFixture fixture = new PostgresFixture();

    @Override
    protected StoreFixture fixture() {
        return fixture;
    }

    @Override
    protected int groupCount() {
        return 1_000;
    }

    @Override
    protected int messagesPerGroup() {
        return 20;
    }

    @Override
    protected int consumerCount() {
        return 8;
    }
}
