package io.corral.server.soft;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link NodeSlot}s of the leader by node id: at most one slot per id, made on first use and kept
 * until {@link #remove}d or dropped by {@link #retainOnly}, so its size is bounded by the nodes the
 * callers name (the coordinator forgets a node's slot when the node is removed and sweeps the rest
 * against its membership). Every layer that keeps per-node soft state for heartbeats shares one
 * registry, whose slots are of the class that extends all of theirs. Safe for concurrent use; a slot
 * made concurrently for the same id by two threads is made twice and one of them is kept, and both
 * callers get the kept one.
 */
public final class NodeSlots<S extends NodeSlot> {
    private final ConcurrentHashMap<String, S> byId = new ConcurrentHashMap<>();
    private final Function<String, S> make;

    /** {@code make} makes the slot of a node id, given the id (the key it will be stored under). */
    public NodeSlots(Function<String, S> make) {
        this.make = make;
    }

    /** The slot of {@code nodeId}, or null if it has none. */
    public S get(String nodeId) {
        return byId.get(nodeId);
    }

    /**
     * The slot of {@code nodeId}, made now if it has none. A new slot is made under a new copy of the id,
     * right after it, so the key a lookup compares with and the slot lie side by side in memory.
     */
    public S getOrMake(String nodeId) {
        S slot = byId.get(nodeId);
        if (slot != null) {
            return slot;
        }
        String key = new String(nodeId.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        S made = make.apply(key);
        S raced = byId.putIfAbsent(key, made);
        return raced == null ? made : raced;
    }

    public void remove(String nodeId) {
        byId.remove(nodeId);
    }

    /** Drops the slot of every node not in {@code nodeIds}. */
    public void retainOnly(Set<String> nodeIds) {
        byId.keySet().retainAll(nodeIds);
    }

    /** Calls {@code action} with every slot (weakly consistent, as a {@link ConcurrentHashMap} iterates). */
    public void forEach(Consumer<? super S> action) {
        byId.values().forEach(action);
    }

    public int size() {
        return byId.size();
    }
}
