package io.corral.server.health;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * At most one deadline (epoch ms) per node id, polled in deadline order. Scheduling a node that
 * already has a deadline keeps the earlier of the two. {@link #schedule} and {@link #pollDue} take
 * O(log n); superseded entries stay in the heap until they come up and are then skipped, so the heap
 * holds at most one live and a few dead entries per node. Not thread-safe.
 */
final class Deadlines {
    private record Entry(long dueMs, String nodeId) {
    }

    private final PriorityQueue<Entry> heap = new PriorityQueue<>((a, b) -> Long.compare(a.dueMs, b.dueMs));
    private final Map<String, Long> dueByNode = new HashMap<>();

    /** Gives {@code nodeId} the deadline {@code dueMs}, unless it already has an earlier one. */
    void schedule(String nodeId, long dueMs) {
        Long current = dueByNode.get(nodeId);
        if (current != null && current <= dueMs) {
            return;
        }
        dueByNode.put(nodeId, dueMs);
        heap.add(new Entry(dueMs, nodeId));
    }

    /** Removes and returns a node whose deadline is at or before {@code nowMs}, earliest first; null if none. */
    String pollDue(long nowMs) {
        Entry e;
        while ((e = heap.peek()) != null && e.dueMs <= nowMs) {
            heap.poll();
            Long current = dueByNode.get(e.nodeId);
            if (current != null && current == e.dueMs) {
                dueByNode.remove(e.nodeId);
                return e.nodeId;
            }
        }
        return null;
    }

    /** How many nodes have a deadline. */
    int size() {
        return dueByNode.size();
    }

    void clear() {
        heap.clear();
        dueByNode.clear();
    }
}
