package io.corral.server.policies.placement;

import io.corral.client.routing.Fnv1a64;
import io.corral.client.routing.SplitMix64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The input nodes in a canonical order (sorted by id), so that nothing placement computes depends on the
 * order of the input list. Every node gets a dense index; every zone gets a dense index too, named zones
 * first in name order, then one zone of its own for each node without a zone, in node order.
 */
final class NodeIndex {
    final PlacementNode[] nodes;
    final String[] ids;
    final double[] weight;
    final NodeMode[] mode;
    final int[] zone;
    /** Hash of the node id: the node's identity in rendezvous scores. */
    final long[] seed;
    final int zoneCount;
    /** Hash of each zone's identity. */
    final long[] zoneSeed;
    private final Map<String, Integer> indexById;
    /** Open-addressing table of the ids (power-of-two size, at most a quarter full) for {@link #indexOf}. */
    private final String[] table;
    private final int[] tableIndex;

    NodeIndex(List<PlacementNode> input) {
        List<PlacementNode> sorted = new ArrayList<>(input);
        for (PlacementNode node : sorted) {
            validate(node);
        }
        sorted.sort(Comparator.comparing(PlacementNode::id));
        int n = sorted.size();
        nodes = sorted.toArray(new PlacementNode[0]);
        ids = new String[n];
        weight = new double[n];
        mode = new NodeMode[n];
        zone = new int[n];
        seed = new long[n];
        indexById = new HashMap<>(n * 2);
        TreeSet<String> zoneNames = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            PlacementNode node = nodes[i];
            if (i > 0 && ids[i - 1].equals(node.id())) {
                throw new IllegalArgumentException("duplicate node id " + node.id());
            }
            ids[i] = node.id();
            weight[i] = node.weight();
            mode[i] = node.mode();
            seed[i] = Fnv1a64.hash(node.id());
            indexById.put(node.id(), i);
            if (node.zone() != null) {
                zoneNames.add(node.zone());
            }
        }
        int size = Integer.highestOneBit(Math.max(4, n * 4) - 1) << 1;
        table = new String[size];
        tableIndex = new int[size];
        for (int i = 0; i < n; i++) {
            int slot = spread(ids[i].hashCode()) & (size - 1);
            while (table[slot] != null) {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = ids[i];
            tableIndex[slot] = i;
        }
        List<String> named = new ArrayList<>(zoneNames);
        Map<String, Integer> zoneIndex = new HashMap<>();
        for (int z = 0; z < named.size(); z++) {
            zoneIndex.put(named.get(z), z);
        }
        int next = named.size();
        List<Long> zoneSeeds = new ArrayList<>();
        for (String name : named) {
            zoneSeeds.add(SplitMix64.mix(Fnv1a64.hash(name) + 1));
        }
        for (int i = 0; i < n; i++) {
            if (nodes[i].zone() == null) {
                zone[i] = next++;
                zoneSeeds.add(SplitMix64.mix(seed[i] + 2));
            } else {
                zone[i] = zoneIndex.get(nodes[i].zone());
            }
        }
        zoneCount = next;
        zoneSeed = zoneSeeds.stream().mapToLong(Long::longValue).toArray();
    }

    private static void validate(PlacementNode node) {
        if (node == null || node.id() == null) {
            throw new IllegalArgumentException("a placement node needs an id");
        }
        if (!(node.weight() > 0) || Double.isInfinite(node.weight())) {
            throw new IllegalArgumentException("node " + node.id() + " needs a finite weight > 0, got " + node.weight());
        }
        if (node.mode() == null) {
            throw new IllegalArgumentException("node " + node.id() + " needs a mode");
        }
    }

    int size() {
        return ids.length;
    }

    /** The index of the node with this id, or -1 when the input has no such node. */
    int indexOf(String id) {
        if (id == null) {
            return -1;
        }
        int mask = table.length - 1;
        for (int slot = spread(id.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            String key = table[slot];
            if (key == null) {
                return -1;
            }
            if (key == id || key.equals(id)) {
                return tableIndex[slot];
            }
        }
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B9;
    }
}
