package io.corral.agent.moves;

/**
 * This node cannot export the shard: it does not hold it (never did, or dropped it). The transfer
 * answers 409 and the target reports the phase as failed.
 */
public final class ShardUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShardUnavailableException(String message) {
        super(message);
    }
}
