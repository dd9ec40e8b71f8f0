package io.pgqrs.bench;

/** How a drain client acknowledges a batch it finished. */
enum Acknowledgement {
    /** Archive the batch in one call, then lease the next in another: SPEC's drain. */
    ARCHIVE,
    /** Archive the batch and lease the next in one call (one transaction, one commit). */
    ARCHIVE_AND_FETCH,
    /** Delete the batch in one call, then lease the next: for users who keep no archive. */
    DELETE;

    /** @return the suffix of the scenario's name, empty for the plain archive */
    String scenarioSuffix() {
        return switch (this) {
            case ARCHIVE -> "";
            case ARCHIVE_AND_FETCH -> "-ack-and-fetch";
            case DELETE -> "-delete";
        };
    }
}
