package io.corral.server.health;

import io.corral.server.commands.MarkNodeInactive;
import io.corral.server.commands.ReviveNode;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeChangeFeed;
import io.corral.server.security.Principal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns soft state into transitions. {@link #check()} (run every {@link #CHECK_INTERVAL_MS}) marks a
 * monitored node inactive once it has been silent for longer than the node timeout; {@link
 * #heardFrom} revives an inactive node. Only these transitions reach the log, never the heartbeats.
 *
 * <p>Silence is counted from the latest of: the node's last heartbeat, the moment this detector
 * started (or last gained leadership, see {@link #leadershipGained}), and the moment the node entered
 * its current state (registration, or e.g. the end of a maintenance). So a restarted or newly
 * elected coordinator gives every node one full timeout before judging it, and so does a node that
 * was just registered or put back into a watched state. A node is therefore marked inactive at most
 * {@code nodeTimeoutMs + CHECK_INTERVAL_MS} after the later of its last heartbeat and those moments
 * (plus the commit time). The clock is injected, so tests drive time by hand.
 *
 * <p>A check does not scan every node: it keeps a {@link Deadlines deadline} per watched node and
 * looks only at nodes whose deadline has passed and at nodes named by the events applied since the
 * previous check (every registration, update, status change and removal of a node is such an event).
 * Heartbeats do not touch the deadlines: a node whose deadline passes is re-judged from its latest
 * heartbeat and given a new deadline, so a node heartbeating regularly costs one look per timeout.
 * Only the first check, a check after {@link #leadershipGained}, and a check that finds events it
 * missed (more than the image retains) look at every node.
 */
public final class FailureDetector {
    private static final Logger LOG = LoggerFactory.getLogger(FailureDetector.class);
    public static final long CHECK_INTERVAL_MS = 250;
    private static final String ACTOR = Principal.system("failure-detector").actor();

    private final Controller controller;
    private final HeartbeatTracker beats;
    private final Clock clock;
    private final long nodeTimeoutMs;
    private volatile long startedAtMs;
    /** Node ids with a transition submitted and not yet committed, so each is submitted once. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Guarded by {@code this}: when to look at each watched node next. */
    private final Deadlines deadlines = new Deadlines();
    /**
     * Guarded by {@code this}: each scheduled node as it was when judged, valid while no event names it
     * (every change of a node is an event), so a due node is judged again without a lookup in the image.
     */
    private final Map<String, Node> unchanged = new HashMap<>();
    /** Guarded by {@code this}: which nodes events named since the previous check. */
    private final NodeChangeFeed changes = new NodeChangeFeed();
    /** Guarded by {@code this}: how many nodes have been judged, for tests of the cost. */
    private long judged;

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

    /**
     * This coordinator became the leader (again): like a new detector, it gives every node one full
     * timeout from now, whatever it heard before.
     */
    public synchronized void leadershipGained() {
        startedAtMs = clock.millis();
        changes.reset();
    }

    /** Marks every monitored node that has been silent too long as inactive. */
    public synchronized void check() {
        long now = clock.millis();
        ClusterImage image = controller.image();
        Set<String> changed = changes.changedSince(image);
        if (changed == null) {
            deadlines.clear();
            unchanged.clear();
            for (Node n : image.nodes().values()) {
                judge(n, now);
            }
        } else {
            for (String id : changed) {
                unchanged.remove(id);
                deadlines.schedule(id, now);
            }
        }
        String id;
        while ((id = deadlines.pollDue(now)) != null) {
            Node n = unchanged.remove(id);
            if (n == null) {
                n = image.nodes().get(id);
            }
            if (n != null) {
                judge(n, now);
            }
        }
    }

    /** Marks {@code n} inactive if it is overdue, else sets its next deadline; unwatched nodes get none. */
    private void judge(Node n, long now) {
        judged++;
        if (!n.monitored() || !n.status().watchedForHeartbeats()) {
            return;
        }
        HeartbeatTracker.Beat beat = beats.last(n.id());
        long lastMs = Math.max(Math.max(beat == null ? startedAtMs : beat.atMs(), startedAtMs),
                n.statusChangedAtMs());
        long silentMs = now - lastMs;
        if (silentMs <= nodeTimeoutMs) {
            deadlines.schedule(n.id(), lastMs + nodeTimeoutMs + 1);
            unchanged.put(n.id(), n);
            return;
        }
        if (inFlight.add(n.id())) {
            LOG.info("node {} silent for {} ms; marking it inactive", n.id(), silentMs);
            controller.submit(ACTOR, new MarkNodeInactive(n.id(), n.status(), silentMs))
                    .whenComplete((r, e) -> inFlight.remove(n.id()));
        }
        // Look again later: the verdict may be dropped (the node changed meanwhile) or fail.
        deadlines.schedule(n.id(), now + CHECK_INTERVAL_MS);
    }

    /** How many times a node has been judged since this detector was made; for tests of the cost of a check. */
    synchronized long judgedCount() {
        return judged;
    }

    /** Called after a heartbeat of {@code node} was recorded: revives it if it is inactive. */
    public void heardFrom(Node node) {
        if (node.status() == Lifecycle.INACTIVE && inFlight.add(node.id())) {
            controller.submit(ACTOR, new ReviveNode(node.id())).whenComplete((r, e) -> inFlight.remove(node.id()));
        }
    }
}
