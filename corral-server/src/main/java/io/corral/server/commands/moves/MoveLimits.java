package io.corral.server.commands.moves;

/**
 * Throttles and timeouts of moves: at most {@code maxPerNode} moves under way per node (as source,
 * target or donor) and {@code maxPerCluster} in all; a phase that does not finish within
 * {@code stepTimeoutMs} is started again, up to {@code maxAttempts} times per phase.
 */
public record MoveLimits(int maxPerNode, int maxPerCluster, long stepTimeoutMs, int maxAttempts) {
    public static final MoveLimits DEFAULT = new MoveLimits(2, 32, 600_000, 3);

    public MoveLimits {
        if (maxPerNode < 1 || maxPerCluster < 1 || stepTimeoutMs < 100 || maxAttempts < 1) {
            throw new IllegalArgumentException("move limits must be positive (step timeout at least 100 ms)");
        }
    }
}
