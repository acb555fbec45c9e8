package io.corral.server.policies.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the input assignment into the resources' per-shard input lists, in a form that does not depend on
 * the map's iteration order: node ids become node indices (unknown ids get negative codes), shards of no
 * input resource are set aside to be dropped. A {@link AssignmentView} from an earlier placement is read
 * directly, translating its node table once instead of hashing every replica's id.
 */
final class InputReader {
    private final NodeIndex nodes;
    private final Map<String, ResourceState> byId;
    private final Map<String, Integer> unknownCodes = new HashMap<>();
    final List<String> unknownIds = new ArrayList<>();
    /** Shards that belong to no input resource (or lie beyond its partitions), in shard order. */
    final TreeMap<ShardRef, List<String>> orphans = new TreeMap<>();

    InputReader(NodeIndex nodes, Map<String, ResourceState> byId) {
        this.nodes = nodes;
        this.byId = byId;
    }

    void read(Map<ShardRef, List<String>> current) {
        if (current == null) {
            return;
        }
        if (current instanceof AssignmentView) {
            readView((AssignmentView) current);
            return;
        }
        String lastId = null;
        ResourceState last = null;
        for (Map.Entry<ShardRef, List<String>> e : current.entrySet()) {
            ShardRef ref = e.getKey();
            if (ref == null || ref.resourceId() == null) {
                throw new IllegalArgumentException("the current assignment has a null shard");
            }
            List<String> replicas = e.getValue() == null ? List.of() : e.getValue();
            if (ref.resourceId() != lastId) {
                lastId = ref.resourceId();
                last = byId.get(lastId);
            }
            ResourceState state = last;
            if (state == null || ref.partition() < 0 || ref.partition() >= state.partitions) {
                orphans.put(ref, replicas);
                continue;
            }
            int p = ref.partition();
            if (state.inputCodes == null) {
                state.inputCodes = new IntList(Math.min(state.slots.length, 1 << 20));
            }
            state.inputStart[p] = state.inputCodes.size();
            state.inputLength[p] = replicas.size();
            for (int i = 0; i < replicas.size(); i++) {
                state.inputCodes.add(code(replicas.get(i)));
            }
        }
    }

    private void readView(AssignmentView view) {
        int[] translate = new int[view.nodeIds.length];
        boolean identity = true;
        for (int i = 0; i < translate.length; i++) {
            translate[i] = code(view.nodeIds[i]);
            identity &= translate[i] == i;
        }
        for (int r = 0; r < view.resourceIds.length; r++) {
            ResourceState state = byId.get(view.resourceIds[r]);
            int rf = view.replicationFactors[r];
            int[] slots = view.slots[r];
            int[] counts = view.counts[r];
            for (int p = state == null ? 0 : state.partitions; p < view.partitions[r]; p++) {
                orphans.put(new ShardRef(view.resourceIds[r], p), view.replicas(r, p));
            }
            if (state == null) {
                continue;
            }
            // Same layout as the view (rf slots per shard, the first counts[p] in use), translated to this
            // call's node indices; the view's own array when the node table did not change.
            int[] codes = identity ? slots : new int[slots.length];
            if (!identity) {
                for (int i = 0; i < slots.length; i++) {
                    codes[i] = translate[slots[i]];
                }
            }
            int shards = Math.min(state.partitions, view.partitions[r]);
            for (int p = 0; p < shards; p++) {
                state.inputStart[p] = p * rf;
                state.inputLength[p] = counts[p];
            }
            state.inputCodes = null;
            state.inputAll = codes;
        }
    }

    private int code(String id) {
        int n = nodes.indexOf(id);
        if (n >= 0) {
            return n;
        }
        String key = String.valueOf(id);
        Integer known = unknownCodes.get(key);
        if (known == null) {
            known = unknownIds.size();
            unknownCodes.put(key, known);
            unknownIds.add(key);
        }
        return -(known + 1);
    }

    /** The node id behind an input code. */
    String idOf(int code) {
        return code >= 0 ? nodes.ids[code] : unknownIds.get(-code - 1);
    }
}
