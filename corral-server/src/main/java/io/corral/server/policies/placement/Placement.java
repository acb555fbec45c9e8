package io.corral.server.policies.placement;

import io.corral.server.domain.Taint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rendezvous placement with bounded loads: keeps every still-valid replica, then fills each shard up
 * to its replication factor with the highest-scoring eligible ACCEPT nodes that are under their load
 * bound and in a zone the shard does not use yet (when spreading and zones allow), then moves
 * replicas onto ACCEPT nodes below {@code floor((1 - epsilon) * share)}. Deterministic:
 * shards are processed in {@link ShardRef} order and nodes ranked by a hash of (shard, node id).
 * This straightforward version scores every node for every shard it fills.
 */
public final class Placement {
    private Placement() {
    }

    public static PlacementResult place(PlacementInput in) {
        Map<String, PlacementNode> nodes = new TreeMap<>();
        in.nodes().forEach(n -> nodes.put(n.id(), n));
        List<PlacementResource> resources = new ArrayList<>(in.resources());
        resources.sort(Comparator.comparing(PlacementResource::id));
        int total = 0;
        for (PlacementResource r : resources) {
            total += r.partitions() * r.replicationFactor();
        }
        double weightSum = nodes.values().stream().filter(n -> n.mode() == NodeMode.ACCEPT)
                .mapToDouble(PlacementNode::weight).sum();
        Map<String, Integer> load = new HashMap<>();
        Map<ShardRef, List<String>> target = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        // First keep what is valid, so existing replicas count against the bounds before anything new.
        for (PlacementResource r : resources) {
            for (int p = 0; p < r.partitions(); p++) {
                ShardRef ref = new ShardRef(r.id(), p);
                List<String> kept = new ArrayList<>();
                Set<String> zones = new HashSet<>();
                List<String> current = in.current().getOrDefault(ref, List.of());
                long active = current.stream().filter(id -> nodes.containsKey(id)
                        && nodes.get(id).mode() == NodeMode.ACCEPT && eligible(nodes.get(id), r, true)).count();
                for (String id : current) {
                    PlacementNode n = nodes.get(id);
                    if (n == null || n.mode() == NodeMode.EVACUATE || !eligible(n, r, true) || kept.contains(id)
                            || kept.size() >= r.replicationFactor()
                            || (n.mode() == NodeMode.KEEP && active < r.minActiveReplicas())
                            || (r.spreadZones() && !zones.add(zoneOf(n)))) {
                        continue;
                    }
                    kept.add(id);
                    load.merge(id, 1, Integer::sum);
                }
                target.put(ref, kept);
            }
        }
        int unplaced = 0;
        for (Map.Entry<ShardRef, List<String>> e : target.entrySet()) {
            PlacementResource r = resourceOf(resources, e.getKey().resourceId());
            List<String> replicas = e.getValue();
            while (replicas.size() < r.replicationFactor()) {
                String pick = pick(e.getKey(), r, replicas, nodes, load, total, weightSum, in.epsilon());
                if (pick == null) {
                    unplaced += r.replicationFactor() - replicas.size();
                    warnings.add("resource " + r.id() + " shard " + e.getKey().partition() + " has " + replicas.size()
                            + " of " + r.replicationFactor() + " replicas: not enough eligible nodes");
                    break;
                }
                replicas.add(pick);
                load.merge(pick, 1, Integer::sum);
            }
        }
        fillUnderloaded(target, resources, nodes, load, total, weightSum, in.epsilon());
        for (Map.Entry<ShardRef, List<String>> e : target.entrySet()) {
            orderLeaderFirst(e.getValue(), in.current().getOrDefault(e.getKey(), List.of()), nodes);
        }
        return result(in, target, nodes, load, unplaced, warnings);
    }

    /**
     * Gives every ACCEPT node at least {@code floor((1 - epsilon) * its share)} replicas by moving replicas
     * from the most loaded nodes, choosing for each the shard where the receiving node scores highest.
     */
    private static void fillUnderloaded(Map<ShardRef, List<String>> target, List<PlacementResource> resources,
                                        Map<String, PlacementNode> nodes, Map<String, Integer> load, int total,
                                        double weightSum, double epsilon) {
        for (PlacementNode under : nodes.values()) {
            if (under.mode() != NodeMode.ACCEPT) {
                continue;
            }
            int floor = (int) Math.floor((1 - epsilon) * total * under.weight() / weightSum);
            while (load.getOrDefault(under.id(), 0) < floor) {
                ShardRef bestShard = null;
                String bestFrom = null;
                long bestScore = 0;
                for (Map.Entry<ShardRef, List<String>> e : target.entrySet()) {
                    List<String> replicas = e.getValue();
                    PlacementResource r = resourceOf(resources, e.getKey().resourceId());
                    if (replicas.contains(under.id()) || !eligible(under, r, false)) {
                        continue;
                    }
                    for (String from : replicas) {
                        PlacementNode f = nodes.get(from);
                        int fromBound = (int) Math.floor((1 - epsilon) * total * f.weight() / weightSum);
                        if (load.get(from) <= fromBound || load.get(from) <= load.getOrDefault(under.id(), 0) + 1) {
                            continue;
                        }
                        if (r.spreadZones() && !zoneOf(f).equals(zoneOf(under)) && replicas.stream()
                                .anyMatch(o -> !o.equals(from) && zoneOf(nodes.get(o)).equals(zoneOf(under)))) {
                            continue;
                        }
                        long score = score(e.getKey(), under.id());
                        if (bestShard == null || Long.compareUnsigned(score, bestScore) > 0) {
                            bestShard = e.getKey();
                            bestFrom = from;
                            bestScore = score;
                        }
                    }
                }
                if (bestShard == null) {
                    break;
                }
                List<String> replicas = target.get(bestShard);
                replicas.set(replicas.indexOf(bestFrom), under.id());
                load.merge(bestFrom, -1, Integer::sum);
                load.merge(under.id(), 1, Integer::sum);
            }
        }
    }

    private static PlacementResource resourceOf(List<PlacementResource> rs, String id) {
        for (PlacementResource r : rs) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalStateException("no resource " + id);
    }

    private static String pick(ShardRef ref, PlacementResource r, List<String> taken, Map<String, PlacementNode> nodes,
                               Map<String, Integer> load, int total, double weightSum, double epsilon) {
        Set<String> usedZones = new HashSet<>();
        taken.forEach(id -> usedZones.add(zoneOf(nodes.get(id))));
        String best = null;
        long bestScore = 0;
        boolean bestSpread = false;
        for (PlacementNode n : nodes.values()) {
            if (n.mode() != NodeMode.ACCEPT || taken.contains(n.id()) || !eligible(n, r, false)) {
                continue;
            }
            int bound = (int) Math.ceil((1 + epsilon) * total * n.weight() / weightSum);
            if (load.getOrDefault(n.id(), 0) >= bound) {
                continue;
            }
            boolean spread = !r.spreadZones() || !usedZones.contains(zoneOf(n));
            long score = score(ref, n.id());
            if (best == null || (spread && !bestSpread) || (spread == bestSpread
                    && Long.compareUnsigned(score, bestScore) > 0)) {
                best = n.id();
                bestScore = score;
                bestSpread = spread;
            }
        }
        return best;
    }

    static String zoneOf(PlacementNode n) {
        return n.zone() != null ? "z:" + n.zone() : "n:" + n.id();
    }

    /** Whether {@code n} may hold a replica of {@code r}: selector matches and taints are tolerated. */
    static boolean eligible(PlacementNode n, PlacementResource r, boolean existing) {
        for (Map.Entry<String, String> e : r.nodeSelector().entrySet()) {
            if (!e.getValue().equals(n.labels().get(e.getKey()))) {
                return false;
            }
        }
        for (Taint t : n.taints()) {
            boolean blocks = existing ? t.effect().equals("NoExecute") : !t.effect().equals("PreferNoSchedule");
            if (blocks && !tolerated(t, r.tolerations())) {
                return false;
            }
        }
        return true;
    }

    private static boolean tolerated(Taint t, List<Toleration> tolerations) {
        for (Toleration tol : tolerations) {
            boolean effect = tol.effect() == null || tol.effect().equals(t.effect());
            boolean key = "Exists".equals(tol.operator())
                    ? (tol.key() == null || tol.key().isEmpty() || tol.key().equals(t.key()))
                    : tol.key() != null && tol.key().equals(t.key()) && java.util.Objects.equals(tol.value(), t.value());
            if (effect && key) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the current leader when it stays on an ACCEPT node, else the first ACCEPT replica leads. */
    private static void orderLeaderFirst(List<String> replicas, List<String> current, Map<String, PlacementNode> nodes) {
        String leader = null;
        if (!current.isEmpty() && replicas.contains(current.get(0))
                && nodes.get(current.get(0)).mode() == NodeMode.ACCEPT) {
            leader = current.get(0);
        } else {
            for (String id : replicas) {
                if (nodes.get(id).mode() == NodeMode.ACCEPT) {
                    leader = id;
                    break;
                }
            }
        }
        if (leader != null) {
            replicas.remove(leader);
            replicas.add(0, leader);
        }
    }

    private static long score(ShardRef ref, String nodeId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (ref.resourceId() + "\u001f" + ref.partition() + "\u001f" + nodeId)
                .getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h += 0x9e3779b97f4a7c15L;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static PlacementResult result(PlacementInput in, Map<ShardRef, List<String>> target,
                                          Map<String, PlacementNode> nodes, Map<String, Integer> load, int unplaced,
                                          List<String> warnings) {
        List<ReplicaMove> moves = new ArrayList<>();
        int leaderChanges = 0;
        Set<ShardRef> all = new java.util.TreeSet<>(target.keySet());
        all.addAll(in.current().keySet());
        for (ShardRef ref : all) {
            List<String> before = in.current().getOrDefault(ref, List.of());
            List<String> after = target.getOrDefault(ref, List.of());
            List<String> added = new ArrayList<>(after);
            added.removeAll(before);
            List<String> dropped = new ArrayList<>(before);
            dropped.removeAll(after);
            int i = 0;
            for (; i < Math.min(added.size(), dropped.size()); i++) {
                moves.add(new ReplicaMove(ref, dropped.get(i), added.get(i)));
            }
            for (int j = i; j < added.size(); j++) {
                moves.add(new ReplicaMove(ref, null, added.get(j)));
            }
            for (int j = i; j < dropped.size(); j++) {
                moves.add(new ReplicaMove(ref, dropped.get(j), null));
            }
            if (!before.isEmpty() && !after.isEmpty() && !before.get(0).equals(after.get(0))) {
                leaderChanges++;
            }
        }
        double weight = 0;
        double max = 0;
        int placed = 0;
        for (PlacementNode n : nodes.values()) {
            if (n.mode() == NodeMode.ACCEPT) {
                weight += n.weight();
                int l = load.getOrDefault(n.id(), 0);
                placed += l;
                max = Math.max(max, l / n.weight());
            }
        }
        double avg = weight == 0 ? 0 : placed / weight;
        Map<ShardRef, List<String>> frozen = new LinkedHashMap<>();
        target.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        int replicas = target.values().stream().mapToInt(List::size).sum();
        return new PlacementResult(frozen, moves, new PlacementStats(replicas, moves.size(), leaderChanges,
                avg == 0 ? 0 : max / avg, unplaced), warnings);
    }
}
