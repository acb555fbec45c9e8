package io.corral.server.metrics;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;

/**
 * Nodes per lifecycle status of an image, counted once per image: the gauges of all statuses read
 * during one scrape share a single walk over the nodes instead of one walk each. Thread-safe: the
 * memo is an immutable pair published through a volatile field, so a reader always gets the counts
 * of exactly the image it asked about.
 */
final class NodeStatusCounts {
    private record Counted(ClusterImage image, int[] byStatus) {
    }

    private volatile Counted last;

    /** How many nodes of {@code image} have {@code status}. */
    int count(ClusterImage image, Lifecycle status) {
        Counted c = last;
        if (c == null || c.image() != image) {
            c = new Counted(image, countAll(image));
            last = c;
        }
        return c.byStatus()[status.ordinal()];
    }

    private static int[] countAll(ClusterImage image) {
        int[] out = new int[Lifecycle.values().length];
        for (Node node : image.nodes().values()) {
            out[node.status().ordinal()]++;
        }
        return out;
    }
}
