package io.corral.server.domain;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which nodes changed between two images, read from the event journal: every registration, update,
 * status change and removal of a node is an event naming it. A caller that keeps state derived from
 * the nodes asks {@link #changedSince} on each round and looks again only at the nodes named since its
 * previous round, instead of scanning every node. Not thread-safe: one caller, one thread (or guarded).
 */
public final class NodeChangeFeed {
    /** The last event seq looked at; -1 until the caller has looked at every node once. */
    private long seenEventSeq = -1;

    /**
     * The ids of the nodes named by events applied since the previous call, or null when the caller must
     * look at every node instead: on the first call, after {@link #reset}, and when events after the
     * previous call were dropped from the image (it retains a bounded number) before being seen.
     */
    public Set<String> changedSince(ClusterImage image) {
        Set<String> changed = null;
        if (seenEventSeq >= 0 && !missedEvents(image)) {
            changed = new LinkedHashSet<>();
            for (Event e : image.eventsSince(seenEventSeq)) {
                if (e.nodeId() != null) {
                    changed.add(e.nodeId());
                }
            }
        }
        seenEventSeq = image.nextEventSeq() - 1;
        return changed;
    }

    /** The next call asks the caller to look at every node. */
    public void reset() {
        seenEventSeq = -1;
    }

    private boolean missedEvents(ClusterImage image) {
        if (image.nextEventSeq() - 1 <= seenEventSeq) {
            return false;
        }
        return image.events().isEmpty() || image.events().firstKey() > seenEventSeq + 1;
    }
}
