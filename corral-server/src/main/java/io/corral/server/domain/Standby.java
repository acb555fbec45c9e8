package io.corral.server.domain;

/**
 * The standby pool: registered nodes that hold no replicas until autoscale (or an operator) promotes
 * them. A node is a standby when it carries the label {@value #LABEL}{@code =true}, set at registration
 * or with a PATCH of its labels. Placement treats an active standby like a node in maintenance: it keeps
 * what it holds and receives nothing new; promotion removes the label, and the next placement round
 * starts filling the node.
 */
public final class Standby {
    /** The label that marks a standby node. */
    public static final String LABEL = "corral.io/standby";

    private Standby() {
    }

    /** Whether {@code n} is in the standby pool (its {@value #LABEL} label is {@code true}, in any case). */
    public static boolean is(Node n) {
        String v = n.labels().get(LABEL);
        return v != null && v.equalsIgnoreCase("true");
    }
}
