package io.corral.server.policies.autoscale;

import io.corral.server.domain.AutoscaleAction;

/**
 * The outcome of one autoscale evaluation: promote standby node {@code nodeId} ({@code SCALE_OUT}),
 * drain member node {@code nodeId} ({@code SCALE_IN}), or nothing ({@code NONE}, with the
 * {@link Refusal} that says why). {@code reason} always explains it in words.
 *
 * @param nodeId  the node acted on; null for {@code NONE}
 * @param refusal why nothing is done; null when the decision acts
 */
public record Decision(AutoscaleAction action, String nodeId, String reason, Refusal refusal) {

    public static Decision scaleOut(String nodeId, String reason) {
        return new Decision(AutoscaleAction.SCALE_OUT, nodeId, reason, null);
    }

    public static Decision scaleIn(String nodeId, String reason) {
        return new Decision(AutoscaleAction.SCALE_IN, nodeId, reason, null);
    }

    public static Decision none(Refusal refusal, String reason) {
        return new Decision(AutoscaleAction.NONE, null, reason, refusal);
    }

    /** Whether the decision changes the cluster. */
    public boolean acts() {
        return action != AutoscaleAction.NONE;
    }

    /** Whether a person should hear about this refusal (see {@link Refusal#notable()}). */
    public boolean notable() {
        return refusal != null && refusal.notable();
    }
}
