package io.corral.server.policies.placement;

/**
 * Loads over all resources: per node, the replicas it holds of resources whose balance set it is in, and the
 * bound on that total, {@code ceil((1 + epsilon) * sum of the node's shares over those resources)}.
 */
final class Loads {
    final int[] load;
    final double[] share;
    final int[] cap;
    final double epsilon;

    Loads(int nodeCount, double epsilon) {
        this.load = new int[nodeCount];
        this.share = new double[nodeCount];
        this.cap = new int[nodeCount];
        this.epsilon = epsilon;
    }

    /** Fixes the total bounds once every resource's shares have been added. */
    void computeCaps() {
        for (int n = 0; n < cap.length; n++) {
            cap[n] = LoadShares.upper(share[n], epsilon);
        }
    }
}
