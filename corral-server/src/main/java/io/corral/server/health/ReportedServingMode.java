package io.corral.server.health;

import io.corral.server.commands.SetNodeStatus;
import io.corral.server.controller.Controller;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the serving mode a node reports in its heartbeats ({@code "status": "maintenance"} or
 * {@code "active"}, as seed 001's workers send) into lifecycle changes, edge-triggered: a status
 * change is submitted only when the reported mode differs from the one the node reported before (or
 * on its first report since this coordinator started) and from the node's lifecycle. So a node that
 * keeps reporting the same mode costs no write, and an operator who puts a node into maintenance
 * through the API is not overruled by the node's next heartbeat (the node learns the new status
 * from the heartbeat reply instead). Soft state; safe for concurrent use.
 */
public final class ReportedServingMode {
    private static final Logger LOG = LoggerFactory.getLogger(ReportedServingMode.class);
    /** The status reasons this class writes, so a reply can tell the node a status is its own doing. */
    public static final String REASON_MAINTENANCE = "maintenance reported by the node";
    public static final String REASON_SERVING = "serving again (reported by the node)";
    private final Controller controller;
    private final ConcurrentHashMap<String, Lifecycle> lastReported = new ConcurrentHashMap<>();

    public ReportedServingMode(Controller controller) {
        this.controller = controller;
    }

    /**
     * The mode a heartbeat's {@code status} asks for: {@code MAINTENANCE} or {@code ACTIVE}
     * ({@code "active"} and {@code "serving"}); empty for anything else.
     */
    public static java.util.Optional<Lifecycle> parse(String status) {
        if (status == null) {
            return java.util.Optional.empty();
        }
        String s = status.trim().toLowerCase(java.util.Locale.ROOT);
        return s.equals("maintenance") ? java.util.Optional.of(Lifecycle.MAINTENANCE)
                : s.equals("active") || s.equals("serving") ? java.util.Optional.of(Lifecycle.ACTIVE)
                : java.util.Optional.empty();
    }

    /**
     * Called for each heartbeat of {@code node} (as the image knew it) that reported {@code mode}.
     * {@code adopted} says the node took this mode from the coordinator (an operator's change it learnt from a
     * heartbeat reply): it is remembered but never written back, so a late echo cannot undo a newer change.
     */
    public void reported(Node node, Lifecycle mode, boolean adopted, String actor) {
        Lifecycle before = lastReported.put(node.id(), mode);
        if (before == mode || adopted) {
            return;
        }
        SetNodeStatus change = null;
        if (mode == Lifecycle.MAINTENANCE && node.status() != Lifecycle.MAINTENANCE) {
            change = new SetNodeStatus(node.workspace(), node.id(), Lifecycle.MAINTENANCE,
                    REASON_MAINTENANCE);
        } else if (mode == Lifecycle.ACTIVE && node.status() == Lifecycle.MAINTENANCE) {
            change = new SetNodeStatus(node.workspace(), node.id(), Lifecycle.ACTIVE, REASON_SERVING);
        }
        if (change != null) {
            controller.submit(actor, change).whenComplete((n, e) -> {
                if (e != null) {
                    // Forget the report so the next heartbeat tries again.
                    lastReported.remove(node.id(), mode);
                    LOG.warn("applying the serving mode node {} reported failed", node.id(), e);
                }
            });
        }
    }

    /** Whether {@code node}'s current status was set from its own report (not by an operator). */
    public static boolean setByNode(Node node) {
        return REASON_MAINTENANCE.equals(node.statusReason()) || REASON_SERVING.equals(node.statusReason());
    }

    public void forget(String nodeId) {
        lastReported.remove(nodeId);
    }
}
