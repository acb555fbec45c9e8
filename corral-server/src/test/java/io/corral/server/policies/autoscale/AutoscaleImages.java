package io.corral.server.policies.autoscale;

import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterMaintenance;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.MoveProgress;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Standby;
import io.corral.server.domain.Workspace;
import io.corral.server.records.AutoscaleSettingsSet;
import io.corral.server.records.ClusterMaintenanceChanged;
import io.corral.server.records.MoveRecorded;
import io.corral.server.records.NodeRegistered;
import io.corral.server.records.Replayer;
import io.corral.server.records.WorkspaceCreated;
import java.util.List;
import java.util.Map;

/** Builds images for autoscale tests by replaying records, the only way images are ever built. */
final class AutoscaleImages {
    static final String WS = Workspace.DEFAULT;
    private ClusterImage img = ClusterImage.empty();
    private long seq = 1;
    private long moveSeq = 1;

    AutoscaleImages settings(AutoscaleSettings s) {
        return settings(WS, s);
    }

    AutoscaleImages settings(String workspace, AutoscaleSettings s) {
        img = Replayer.apply(img, new AutoscaleSettingsSet(workspace, s, 1L, "test"));
        return this;
    }

    AutoscaleImages workspace(String id) {
        img = Replayer.apply(img, new WorkspaceCreated(new Workspace(id, id, null, Map.of(), 1L), 1L, "test"));
        return this;
    }

    AutoscaleImages node(String id, Lifecycle status) {
        return node(WS, id, "worker", status, false);
    }

    AutoscaleImages standby(String id, Lifecycle status) {
        return node(WS, id, "worker", status, true);
    }

    AutoscaleImages node(String workspace, String id, String role, Lifecycle status, boolean standby) {
        Map<String, String> labels = standby ? Map.of(Standby.LABEL, "true", "tier", "spare") : Map.of("tier", "db");
        Node n = new Node(id, seq++, workspace, id, role, NodeAddresses.NONE, labels, List.of(), null, null, 1.0,
                status, null, null, Map.of(), null, null, null, true, null, 1L, 1L, 1L);
        img = Replayer.apply(img, new NodeRegistered(n, 1L, "test"));
        return this;
    }

    /** A move under way in {@code workspace}, from {@code from} to {@code to}. */
    AutoscaleImages moving(String workspace, String from, String to) {
        String id = "m" + moveSeq++;
        img = Replayer.apply(img, new MoveRecorded(new Move(id, workspace, "db.t", 0, from, to, from,
                MovePhase.SNAPSHOT, 1, 1L, 1L, 1L, "test", null, MoveProgress.NONE, null), 1L, "test"));
        return this;
    }

    /** Cluster maintenance mode on. */
    AutoscaleImages maintenance(String reason) {
        img = Replayer.apply(img, new ClusterMaintenanceChanged(new ClusterMaintenance(reason, "test", 1L), 1L,
                "test"));
        return this;
    }

    ClusterImage image() {
        return img;
    }

    /** Settings that scale out above {@code high} and in below {@code low}, with the given node bounds. */
    static AutoscaleSettings keys(double high, double low, int min, int max, long cooldownMs) {
        return new AutoscaleSettings(true, "keys", high, low, min, max, 1_000, cooldownMs);
    }
}
