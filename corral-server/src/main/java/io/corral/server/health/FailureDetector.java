package io.corral.server.health;

import io.corral.server.commands.MarkNodeInactive;
import io.corral.server.commands.ReviveNode;
import io.corral.server.controller.Controller;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.security.Principal;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns soft state into transitions. {@link #check()} (run every {@link #CHECK_INTERVAL_MS}) marks a
 * monitored node inactive once it has been silent for longer than the node timeout; {@link
 * #heardFrom} revives an inactive node. Only these transitions reach the log, never the heartbeats.
 *
 * <p>A node never heard from since this detector started counts from the detector's start (or from its
 * registration or last status change, if later), so a restarted or newly elected coordinator gives every
 * node one full timeout before judging it. A node
 * is therefore marked inactive at most {@code nodeTimeoutMs + CHECK_INTERVAL_MS} after its last
 * heartbeat (plus the commit time). The clock is injected, so tests drive time by hand.
 */
public final class FailureDetector {
    private static final Logger LOG = LoggerFactory.getLogger(FailureDetector.class);
    public static final long CHECK_INTERVAL_MS = 250;
    private static final String ACTOR = Principal.system("failure-detector").actor();

    private final Controller controller;
    private final HeartbeatTracker beats;
    private final Clock clock;
    private final long nodeTimeoutMs;
    private final long startedAtMs;
    /** Node ids with a transition submitted and not yet committed, so each is submitted once. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public FailureDetector(Controller controller, HeartbeatTracker beats, Clock clock, long nodeTimeoutMs) {
        this.controller = controller;
        this.beats = beats;
        this.clock = clock;
        this.nodeTimeoutMs = nodeTimeoutMs;
        this.startedAtMs = clock.millis();
    }

    public long nodeTimeoutMs() {
        return nodeTimeoutMs;
    }

    /** Marks every monitored node that has been silent too long as inactive. */
    public void check() {
        long now = clock.millis();
        for (Node n : controller.image().nodes().values()) {
            if (!n.monitored() || !n.status().watchedForHeartbeats()) {
                continue;
            }
            HeartbeatTracker.Beat beat = beats.last(n.id());
            // Silence counts from the last heartbeat, but never from before this detector started or before the
            // node's last status change (so a node registered a moment ago gets a full timeout too).
            long lastMs = Math.max(beat == null ? startedAtMs : beat.atMs(), Math.max(startedAtMs, n.statusChangedAtMs()));
            long silentMs = now - lastMs;
            if (silentMs > nodeTimeoutMs && inFlight.add(n.id())) {
                LOG.info("node {} silent for {} ms; marking it inactive", n.id(), silentMs);
                controller.submit(ACTOR, new MarkNodeInactive(n.id(), n.status(), silentMs))
                        .whenComplete((r, e) -> inFlight.remove(n.id()));
            }
        }
    }

    /** Called after a heartbeat of {@code node} was recorded: revives it if it is inactive. */
    public void heardFrom(Node node) {
        if (node.status() == Lifecycle.INACTIVE && inFlight.add(node.id())) {
            controller.submit(ACTOR, new ReviveNode(node.id())).whenComplete((r, e) -> inFlight.remove(node.id()));
        }
    }
}
