package io.pgqrs.spi;

import io.pgqrs.Message;
import java.util.List;
import java.util.Objects;

/**
 * What {@link MessageTable#archiveAndClaim} did in one write.
 *
 * @param archived the archived ids, in any order
 * @param claimed the leased rows after the update, in any order
 */
public record ArchivedAndClaimed(List<Long> archived, List<Message> claimed) {
    /**
     * @param archived the archived ids
     * @param claimed the leased rows
     */
    public ArchivedAndClaimed {
        archived = List.copyOf(Objects.requireNonNull(archived, "archived"));
        claimed = List.copyOf(Objects.requireNonNull(claimed, "claimed"));
    }
}
