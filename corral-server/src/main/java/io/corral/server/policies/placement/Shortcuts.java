package io.corral.server.policies.placement;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Removes detours from a placement: when, within one resource, a replica moves onto a node {@code Y}
 * ({@code X -> Y} on shard a) while another replica moves off it ({@code Y -> Z} on shard b), the same loads
 * are reached with one move less by {@code X -> Z} on shard a, {@code Y} keeping shard b (a swap, Z = X,
 * cancels both). A detour is removed only when {@code Z} does not hold shard a yet and, with zone spread, the
 * zone rule of both shards still holds; per resource and node the loads are unchanged, so every bound that
 * held still holds. Detours arise when several rules each pick a donor (shedding above an upper bound over
 * all resources, then filling a lower bound), and would show as replicas moving between nodes that stay.
 * Pure and deterministic: candidates are taken in the order of the moves.
 */
final class Shortcuts {
    /** Rounds over the moves; each removes at least one move or ends. */
    private static final int MAX_ROUNDS = 4;

    private Shortcuts() {
    }

    static PlacementResult apply(PlacementInput input, PlacementResult result) {
        PlacementResult current = result;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            PlacementResult next = once(input, current);
            if (next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static PlacementResult once(PlacementInput input, PlacementResult result) {
        Map<String, List<ReplicaMove>> into = new TreeMap<>();
        Map<String, List<ReplicaMove>> outOf = new HashMap<>();
        for (ReplicaMove m : result.moves()) {
            if (m.from() != null && m.to() != null) {
                into.computeIfAbsent(key(m.shard(), m.to()), k -> new ArrayList<>()).add(m);
                outOf.computeIfAbsent(key(m.shard(), m.from()), k -> new ArrayList<>()).add(m);
            }
        }
        into.keySet().retainAll(outOf.keySet());
        if (into.isEmpty()) {
            return result;
        }
        Map<String, PlacementNode> nodes = new HashMap<>();
        input.nodes().forEach(n -> nodes.put(n.id(), n));
        Map<String, PlacementResource> resources = new HashMap<>();
        input.resources().forEach(r -> resources.put(r.id(), r));
        Map<ShardRef, List<String>> changed = new HashMap<>();
        Set<ReplicaMove> used = new HashSet<>();
        for (Map.Entry<String, List<ReplicaMove>> e : into.entrySet()) {
            for (ReplicaMove in : e.getValue()) {
                for (ReplicaMove out : outOf.get(e.getKey())) {
                    if (used.contains(in) || used.contains(out)) {
                        continue;
                    }
                    boolean spread = resources.get(in.shard().resourceId()).spreadZones();
                    if (shortcut(in, out, spread, nodes, input.current(), result.assignment(), changed)) {
                        used.add(in);
                        used.add(out);
                    }
                }
            }
        }
        if (changed.isEmpty()) {
            return result;
        }
        PlacementResult shortened = new PlacementResult(new Overlay(result.assignment(), changed), List.of(),
                result.stats(), result.warnings());
        return Rebase.onto(input.current(), shortened, List.of());
    }

    /** Replaces {@code X -> Y} on shard a and {@code Y -> Z} on shard b by {@code X -> Z} on a, when allowed. */
    private static boolean shortcut(ReplicaMove in, ReplicaMove out, boolean spread, Map<String, PlacementNode> nodes,
                                    Map<ShardRef, List<String>> original, Map<ShardRef, List<String>> assignment,
                                    Map<ShardRef, List<String>> changed) {
        String y = in.to();
        String z = out.to();
        List<String> a = new ArrayList<>(changed.getOrDefault(in.shard(), assignment.get(in.shard())));
        List<String> b = new ArrayList<>(changed.getOrDefault(out.shard(), assignment.get(out.shard())));
        if (!a.contains(y) || a.contains(z) || !b.contains(z) || b.contains(y)) {
            return false;
        }
        a.set(a.indexOf(y), z);
        b.set(b.indexOf(z), y);
        if (spread && (!distinctZones(a, nodes) || !distinctZones(b, nodes))) {
            return false;
        }
        List<String> before = original == null ? null : original.get(out.shard());
        if (before != null && !before.isEmpty() && before.get(0).equals(y)) {
            b.remove(y);
            b.add(0, y);
        }
        changed.put(in.shard(), List.copyOf(a));
        changed.put(out.shard(), List.copyOf(b));
        return true;
    }

    private static boolean distinctZones(List<String> replicas, Map<String, PlacementNode> nodes) {
        Set<String> zones = new HashSet<>();
        for (String id : replicas) {
            PlacementNode n = nodes.get(id);
            String zone = n == null || n.zone() == null ? "node:" + id : "zone:" + n.zone();
            if (!zones.add(zone)) {
                return false;
            }
        }
        return true;
    }

    private static String key(ShardRef shard, String node) {
        return shard.resourceId() + '\u0000' + node;
    }

    /** {@code base} with some shards' lists replaced; iterates in the order of {@code base}. */
    static final class Overlay extends AbstractMap<ShardRef, List<String>> {
        final Map<ShardRef, List<String>> base;
        final Map<ShardRef, List<String>> changed;

        Overlay(Map<ShardRef, List<String>> base, Map<ShardRef, List<String>> changed) {
            this.base = base;
            this.changed = Map.copyOf(changed);
        }

        @Override
        public List<String> get(Object key) {
            List<String> c = changed.get(key);
            return c != null ? c : base.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return base.containsKey(key);
        }

        @Override
        public int size() {
            return base.size();
        }

        @Override
        public Set<Entry<ShardRef, List<String>>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<ShardRef, List<String>>> iterator() {
                    Iterator<Entry<ShardRef, List<String>>> it = base.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<ShardRef, List<String>> next() {
                            Entry<ShardRef, List<String>> e = it.next();
                            List<String> c = changed.get(e.getKey());
                            return c == null ? e : new SimpleImmutableEntry<>(e.getKey(), c);
                        }
                    };
                }

                @Override
                public int size() {
                    return base.size();
                }
            };
        }
    }
}
