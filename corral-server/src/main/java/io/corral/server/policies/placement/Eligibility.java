package io.corral.server.policies.placement;

import io.corral.server.domain.Taint;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which nodes may hold, receive and preferably receive a resource's replicas, from the node's mode, labels
 * and taints and the resource's node selector and tolerations (Kubernetes semantics):
 * <ul>
 *   <li>{@link #HOLD}: the node may keep an existing replica: it is not EVACUATE, has every selector label,
 *       and every {@code NoExecute} taint on it is tolerated;</li>
 *   <li>{@link #RECEIVE}: the node may get a new replica: it is ACCEPT, has every selector label, and every
 *       {@code NoSchedule} and {@code NoExecute} taint on it is tolerated (a taint with any other effect is
 *       treated as {@code NoSchedule});</li>
 *   <li>{@link #PREFERRED}: it may receive and every {@code PreferNoSchedule} taint on it is tolerated too.</li>
 * </ul>
 */
final class Eligibility {
    static final byte HOLD = 1;
    static final byte RECEIVE = 2;
    static final byte PREFERRED = 4;

    private Eligibility() {
    }

    /** The flags of every node of {@code index} for {@code resource}. */
    static byte[] of(NodeIndex index, PlacementResource resource) {
        byte[] flags = new byte[index.size()];
        Map<String, String> selector = resource.nodeSelector() == null ? Map.of() : resource.nodeSelector();
        List<Toleration> tolerations = resource.tolerations() == null ? List.of() : resource.tolerations();
        for (int n = 0; n < flags.length; n++) {
            flags[n] = flags(index.nodes[n], selector, tolerations);
        }
        return flags;
    }

    static byte flags(PlacementNode node, Map<String, String> selector, List<Toleration> tolerations) {
        if (node.mode() == NodeMode.EVACUATE || !matches(node.labels(), selector)) {
            return 0;
        }
        boolean hold = true;
        boolean receive = node.mode() == NodeMode.ACCEPT;
        boolean preferred = receive;
        for (Taint taint : node.taints() == null ? List.<Taint>of() : node.taints()) {
            if (tolerated(taint, tolerations)) {
                continue;
            }
            String effect = taint.effect();
            if ("NoExecute".equals(effect)) {
                hold = false;
                receive = false;
            } else if ("PreferNoSchedule".equals(effect)) {
                preferred = false;
            } else {
                receive = false;
            }
        }
        if (!hold) {
            return 0;
        }
        return (byte) (HOLD | (receive ? RECEIVE : 0) | (receive && preferred ? PREFERRED : 0));
    }

    /** True when {@code labels} has every key of {@code selector} with the same value. */
    static boolean matches(Map<String, String> labels, Map<String, String> selector) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (labels == null || !Objects.equals(labels.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** True when one of {@code tolerations} tolerates {@code taint}. */
    static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        for (Toleration t : tolerations) {
            if (tolerates(t, taint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Kubernetes rules: the effect must match unless the toleration's is empty; {@code Exists} with an empty
     * key tolerates every taint, {@code Exists} with a key tolerates that key; {@code Equal} (the default)
     * needs the same key and value, a missing value counting as empty.
     */
    static boolean tolerates(Toleration toleration, Taint taint) {
        if (toleration.effect() != null && !toleration.effect().isEmpty()
                && !toleration.effect().equals(taint.effect())) {
            return false;
        }
        String key = toleration.key() == null ? "" : toleration.key();
        if ("Exists".equals(toleration.operator())) {
            return key.isEmpty() || key.equals(taint.key());
        }
        String value = toleration.value() == null ? "" : toleration.value();
        String taintValue = taint.value() == null ? "" : taint.value();
        return key.equals(taint.key()) && value.equals(taintValue);
    }
}
