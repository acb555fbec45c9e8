package io.corral.server.domain;

/**
 * How far the current phase of a move has come, as reported by the node doing it: items (keys,
 * points, rows) and bytes done out of a total (0 when unknown), and when it was reported.
 */
public record MoveProgress(long itemsDone, long itemsTotal, long bytesDone, long bytesTotal, long reportedAtMs) {
    public static final MoveProgress NONE = new MoveProgress(0, 0, 0, 0, 0);

    /** The fraction done in [0, 1], by bytes when known, else by items; 0 when nothing is known. */
    public double fraction() {
        if (bytesTotal > 0) {
            return Math.min(1.0, (double) bytesDone / bytesTotal);
        }
        return itemsTotal > 0 ? Math.min(1.0, (double) itemsDone / itemsTotal) : 0.0;
    }
}
