package io.corral.server.policies.placement;

import io.corral.server.domain.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The placement rules restated plainly for the tests, independently of the production classes: who may
 * hold and receive a resource's replicas, the balance set, zone counts, and the fair shares by iterative
 * water-filling (cap whoever exceeds its limit, share the rest again, until nobody does).
 */
final class ReferenceRules {
    private ReferenceRules() {
    }

    static String zoneOf(PlacementNode n) {
        return n.zone() == null ? "node:" + n.id() : n.zone();
    }

    static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        for (Toleration t : tolerations) {
            boolean effect = t.effect() == null || t.effect().isEmpty() || t.effect().equals(taint.effect());
            boolean key;
            if ("Exists".equals(t.operator())) {
                key = t.key() == null || t.key().isEmpty() || t.key().equals(taint.key());
            } else {
                key = taint.key().equals(t.key()) && String.valueOf(taint.value()).equals(String.valueOf(t.value()));
            }
            if (effect && key) {
                return true;
            }
        }
        return false;
    }

    static boolean selected(PlacementNode n, PlacementResource r) {
        return r.nodeSelector().entrySet().stream().allMatch(e -> e.getValue().equals(n.labels().get(e.getKey())));
    }

    static boolean mayHold(PlacementNode n, PlacementResource r) {
        return n.mode() != NodeMode.EVACUATE && selected(n, r) && n.taints().stream()
                .allMatch(t -> !t.effect().equals("NoExecute") || tolerated(t, r.tolerations()));
    }

    static boolean mayReceive(PlacementNode n, PlacementResource r) {
        return n.mode() == NodeMode.ACCEPT && selected(n, r) && n.taints().stream()
                .allMatch(t -> t.effect().equals("PreferNoSchedule") || tolerated(t, r.tolerations()));
    }

    static boolean preferred(PlacementNode n, PlacementResource r) {
        return mayReceive(n, r) && n.taints().stream().allMatch(t -> tolerated(t, r.tolerations()));
    }

    static Set<String> zones(List<PlacementNode> nodes) {
        Set<String> zones = new HashSet<>();
        nodes.forEach(n -> zones.add(zoneOf(n)));
        return zones;
    }

    static List<PlacementNode> receivers(List<PlacementNode> nodes, PlacementResource r) {
        return nodes.stream().filter(n -> mayReceive(n, r)).toList();
    }

    /** The nodes whose loads the bound covers. */
    static List<PlacementNode> balanceSet(List<PlacementNode> nodes, PlacementResource r) {
        List<PlacementNode> receivers = receivers(nodes, r);
        List<PlacementNode> preferred = nodes.stream().filter(n -> preferred(n, r)).toList();
        int rf = r.replicationFactor();
        boolean suffice = preferred.size() >= rf
                && (!r.spreadZones() || zones(preferred).size() >= Math.min(rf, zones(receivers).size()));
        return suffice ? preferred : receivers;
    }

    static boolean strict(List<PlacementNode> nodes, PlacementResource r) {
        return r.spreadZones() && zones(receivers(nodes, r)).size() >= r.replicationFactor();
    }

    /** Shares {@code min(limit, lambda * weight)} summing to {@code total}, computed by repeated capping. */
    static Map<String, Double> waterFill(Map<String, Double> weights, double limit, double total) {
        Map<String, Double> shares = new HashMap<>();
        Map<String, Double> open = new LinkedHashMap<>(weights);
        double remaining = total;
        boolean capped = true;
        while (capped && !open.isEmpty()) {
            capped = false;
            double weightSum = open.values().stream().mapToDouble(Double::doubleValue).sum();
            double lambda = remaining / weightSum;
            for (Map.Entry<String, Double> e : new ArrayList<>(open.entrySet())) {
                if (lambda * e.getValue() > limit) {
                    shares.put(e.getKey(), limit);
                    remaining -= limit;
                    open.remove(e.getKey());
                    capped = true;
                }
            }
            if (!capped) {
                open.forEach((id, w) -> shares.put(id, lambda * w));
            }
        }
        return shares;
    }

    /**
     * Fair shares per balance node for a resource placed from scratch. Without zone spread: water-filling over
     * nodes (at most one replica per shard and node). With strict spread: over zones (at most one per shard and
     * zone), then within each zone. With best-effort spread (fewer zones than replicas per shard): every zone
     * first gets one replica of every shard, the rest is water-filled over zones (at most one per shard and
     * node), then within each zone.
     */
    static Map<String, Double> freshShares(List<PlacementNode> nodes, PlacementResource r) {
        List<PlacementNode> balance = balanceSet(nodes, r);
        int rf = r.replicationFactor();
        int p = r.partitions();
        double total = (double) p * Math.min(rf, balance.size());
        if (!r.spreadZones()) {
            Map<String, Double> weights = new HashMap<>();
            balance.forEach(n -> weights.put(n.id(), n.weight()));
            return waterFill(weights, p, total);
        }
        Map<String, Double> zoneWeights = new HashMap<>();
        Map<String, Integer> zoneNodes = new HashMap<>();
        balance.forEach(n -> {
            zoneWeights.merge(zoneOf(n), n.weight(), Double::sum);
            zoneNodes.merge(zoneOf(n), 1, Integer::sum);
        });
        Map<String, Double> zoneShares;
        if (strict(nodes, r)) {
            zoneShares = waterFill(zoneWeights, p, total);
        } else {
            // Each zone's room beyond its forced replicas differs (nodes times shards), so fill zone by zone.
            zoneShares = new HashMap<>();
            Map<String, Double> open = new HashMap<>(zoneWeights);
            double remaining = total - (double) p * zoneWeights.size();
            boolean capped = true;
            while (capped && !open.isEmpty()) {
                capped = false;
                double lambda = remaining / open.values().stream().mapToDouble(Double::doubleValue).sum();
                for (String z : new ArrayList<>(open.keySet())) {
                    double room = (double) p * (zoneNodes.get(z) - 1);
                    if (lambda * open.get(z) > room) {
                        zoneShares.put(z, p + room);
                        remaining -= room;
                        open.remove(z);
                        capped = true;
                    }
                }
                if (!capped) {
                    open.forEach((z, w) -> zoneShares.put(z, p + lambda * w));
                }
            }
        }
        Map<String, Double> shares = new HashMap<>();
        for (Map.Entry<String, Double> zone : zoneShares.entrySet()) {
            Map<String, Double> weights = new HashMap<>();
            balance.stream().filter(n -> zoneOf(n).equals(zone.getKey())).forEach(n -> weights.put(n.id(), n.weight()));
            shares.putAll(waterFill(weights, p, zone.getValue()));
        }
        return shares;
    }

    static int upper(double share, double epsilon) {
        double x = (1 + epsilon) * share;
        return (int) Math.ceil(x - 1e-9 * Math.max(1, x));
    }

    static int lower(double share, double epsilon) {
        double x = (1 - epsilon) * share;
        return Math.max(0, (int) Math.floor(x + 1e-9 * Math.max(1, x)));
    }
}
