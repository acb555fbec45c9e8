package io.corral.server.policies.placement;

import io.corral.server.domain.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Random clusters and resources for the property tests, built from a seed so that jqwik can replay them. */
final class Scenarios {
    static final List<Taint> TAINTS = List.of(new Taint("dedicated", "db", "NoSchedule"),
            new Taint("spot", "", "PreferNoSchedule"), new Taint("broken", "disk", "NoExecute"));
    static final List<List<Toleration>> TOLERATIONS = List.of(List.of(),
            List.of(new Toleration("dedicated", "Equal", "db", "NoSchedule")),
            List.of(new Toleration("spot", "Exists", null, null)),
            List.of(new Toleration("broken", "Exists", null, "NoExecute")),
            List.of(new Toleration(null, "Exists", null, null)));
    static final double[] WEIGHTS = {1, 1, 1, 0.5, 2, 3};
    static final double[] EPSILONS = {0, 0.05, 0.1, 0.3};

    private Scenarios() {
    }

    /** A cluster with zones, weights, labels, taints and modes; {@code zones == 0} means no zones at all. */
    static List<PlacementNode> cluster(SplittableRandom random, int count, int zones, boolean constrained) {
        List<PlacementNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String zone = zones == 0 || random.nextInt(10) == 0 ? null : "z" + random.nextInt(zones);
            double weight = WEIGHTS[random.nextInt(WEIGHTS.length)];
            Map<String, String> labels = Map.of("disk", random.nextInt(3) == 0 ? "hdd" : "ssd");
            List<Taint> taints = constrained && random.nextInt(5) == 0 ? List.of(TAINTS.get(random.nextInt(TAINTS.size())))
                    : List.of();
            int m = random.nextInt(10);
            NodeMode mode = !constrained || m < 8 ? NodeMode.ACCEPT : m == 8 ? NodeMode.KEEP : NodeMode.EVACUATE;
            nodes.add(new PlacementNode(String.format("n%02d", i), zone, weight, labels, taints, mode));
        }
        return nodes;
    }

    static List<PlacementResource> resources(SplittableRandom random, int count, boolean constrained) {
        List<PlacementResource> resources = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int rf = 1 + random.nextInt(4);
            Map<String, String> selector = constrained && random.nextInt(4) == 0 ? Map.of("disk", "ssd") : Map.of();
            List<Toleration> tolerations = constrained ? TOLERATIONS.get(random.nextInt(TOLERATIONS.size())) : List.of();
            resources.add(new PlacementResource("r" + k, random.nextInt(41), rf, selector, tolerations,
                    random.nextBoolean(), constrained ? random.nextInt(rf + 1) : 0));
        }
        return resources;
    }

    static double epsilon(SplittableRandom random) {
        return EPSILONS[random.nextInt(EPSILONS.length)];
    }

    /** The same nodes, all ACCEPT and without taints: the cluster before it changed. */
    static List<PlacementNode> healthy(List<PlacementNode> nodes) {
        List<PlacementNode> healthy = new ArrayList<>();
        for (PlacementNode n : nodes) {
            healthy.add(new PlacementNode(n.id(), n.zone(), n.weight(), n.labels(), List.of(), NodeMode.ACCEPT));
        }
        return healthy;
    }

    /**
     * A plausible current assignment: a placement on the healthy cluster, with some noise: replicas on
     * unknown nodes, duplicate entries, shards of a resource that is gone.
     */
    static Map<ShardRef, List<String>> history(SplittableRandom random, List<PlacementNode> nodes,
                                               List<PlacementResource> resources, double epsilon) {
        PlacementResult previous = HierarchicalPlacement.place(new PlacementInput(healthy(nodes), resources, Map.of(), epsilon));
        Map<ShardRef, List<String>> current = new HashMap<>(previous.assignment());
        for (Map.Entry<ShardRef, List<String>> e : new ArrayList<>(current.entrySet())) {
            int dice = random.nextInt(20);
            List<String> list = new ArrayList<>(e.getValue());
            if (dice == 0) {
                list.add("ghost");
            } else if (dice == 1 && !list.isEmpty()) {
                list.add(list.get(0));
            } else if (dice == 2) {
                current.remove(e.getKey());
                continue;
            }
            current.put(e.getKey(), list);
        }
        if (random.nextBoolean()) {
            current.put(new ShardRef("retired", 0), List.of(nodes.get(0).id()));
        }
        return current;
    }

    /** {@code map} copied with its entries in a random order. */
    static <K, V> Map<K, V> shuffled(SplittableRandom random, Map<K, V> map) {
        List<Map.Entry<K, V>> entries = new ArrayList<>(map.entrySet());
        for (int i = entries.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Map.Entry<K, V> t = entries.get(i);
            entries.set(i, entries.get(j));
            entries.set(j, t);
        }
        Map<K, V> copy = new LinkedHashMap<>();
        entries.forEach(e -> copy.put(e.getKey(), e.getValue()));
        return copy;
    }

    static <T> List<T> shuffled(SplittableRandom random, List<T> list) {
        List<T> copy = new ArrayList<>(list);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy;
    }
}
