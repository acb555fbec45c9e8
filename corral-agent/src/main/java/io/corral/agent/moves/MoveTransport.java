package io.corral.agent.moves;

import java.io.IOException;

/**
 * How a target reaches a donor. {@link HttpMoveTransport} talks to a donor's {@link MoveExportHandler};
 * tests connect participants in memory. Thread-safe.
 */
public interface MoveTransport {
    /**
     * Opens a transfer from the donor at {@code donorUrl}.
     *
     * @throws ShardUnavailableException when the donor does not hold the shard or refuses the move
     * @throws IOException               when the donor cannot be reached or the transfer breaks
     */
    Transfer open(String donorUrl, TransferRequest request) throws IOException;
}
