package io.corral.server.records;

import io.corral.server.domain.Lifecycle;

/**
 * A node moved to another lifecycle state.
 *
 * @param resumeStatus the state to return to when an inactive node is heard from again, or null
 */
public record NodeStatusChanged(String nodeId, Lifecycle status, Lifecycle resumeStatus, String reason, long atMs,
                                String actor) implements Record {
}
