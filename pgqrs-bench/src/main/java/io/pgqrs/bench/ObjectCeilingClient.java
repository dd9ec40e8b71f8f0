package io.pgqrs.bench;

import java.util.List;

/**
 * One client of the S3 ceiling ({@link ObjectCeiling}): a claim, an acknowledgement and an acknowledge-and-fetch each
 * cost one commit, as the store's would; a claim that finds nothing left costs none.
 */
final class ObjectCeilingClient implements DrainClient {
    private final ObjectCeiling ceiling;

    ObjectCeilingClient(ObjectCeiling ceiling) {
        this.ceiling = ceiling;
    }

    @Override
    public List<Long> claim(int batch) throws InterruptedException {
        List<Long> ids = ceiling.take(batch);
        if (!ids.isEmpty()) {
            ceiling.commit();
        }
        return ids;
    }

    @Override
    public void acknowledge(List<Long> ids) throws InterruptedException {
        ceiling.commit();
    }

    @Override
    public List<Long> archiveAndClaim(List<Long> ids, int batch) throws InterruptedException {
        List<Long> next = ceiling.take(batch);
        ceiling.commit();
        return next;
    }

    @Override
    public void close() {
    }
}
