package io.corral.server.records;

import io.corral.server.domain.AutoscaleAction;

/**
 * The autoscaler of a workspace acted on {@code nodeId}: promoted it from standby ({@code SCALE_OUT}) or
 * started draining it ({@code SCALE_IN}). The node change itself is a {@link NodeUpdated} or
 * {@link NodeStatusChanged} record in the same batch; this one starts the cooldown and says why.
 *
 * @param reason what the decision saw, for the event, e.g. {@code keys on a is 1500, above the high water 1000}
 */
public record AutoscaleActed(String workspace, AutoscaleAction action, String nodeId, String reason, long atMs,
                             String actor) implements AutoscaleRecord {
}
