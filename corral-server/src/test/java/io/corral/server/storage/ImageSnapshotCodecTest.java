package io.corral.server.storage;

import static io.corral.server.testing.ControllerHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.CreateApiKey;
import io.corral.server.commands.CreateWorkspace;
import io.corral.server.commands.MarkNodeInactive;
import io.corral.server.commands.NodePatch;
import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.commands.UpdateNode;
import io.corral.server.commands.autoscale.SetAutoscaleSettings;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.AutoscaleAction;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Role;
import io.corral.server.domain.Taint;
import io.corral.server.domain.Workspace;
import io.corral.server.records.AutoscaleActed;
import io.corral.server.testing.ControllerHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A snapshot written and read back is the same image, down to counters and the seq index. */
class ImageSnapshotCodecTest {

    @Test
    void theEmptyImageRoundTrips() throws IOException {
        assertThat(roundTrip(ClusterImage.empty())).isEqualTo(ClusterImage.empty());
    }

    @Test
    void aBusyImageRoundTripsToAnEqualImage() throws IOException {
        ClusterImage img;
        try (ControllerHarness h = new ControllerHarness()) {
            h.run(new CreateWorkspace("team-a", "Team A", "eu", Map.of("tier", "gold")));
            h.run(new CreateApiKey("k1", "ops", Role.OPERATOR, Set.of("team-a"), "aa".repeat(32)));
            h.run(new CreateApiKey("k2", "root", Role.ADMIN, Set.of("*"), "bb".repeat(32)));
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("cores", 8);
            metadata.put("big", 1L << 40);
            metadata.put("ratio", 0.5);
            metadata.put("none", null);
            metadata.put("nested", Map.of("list", List.of(1, "two", false)));
            h.run(new RegisterNode(new NodeSpec("db-1", "team-a", "Database", "db",
                    new NodeAddresses("http://h:1", "h:2", "h:3"), Map.of("env", "prod"),
                    List.of(new Taint("dedicated", "db", "NoSchedule")), "z1", "r1", 2.5, Lifecycle.JOINING, metadata,
                    "plan", "aws", null, true), "s", false));
            for (int i = 0; i < 30; i++) {
                h.clock.advance(100);
                h.register("web-" + i);
            }
            h.register("77");
            h.run(new RemoveNode(Workspace.DEFAULT, "web-3", "gone"));
            h.run(new RemoveNode(Workspace.DEFAULT, "web-4", null));
            h.run(new SetNodeStatus(Workspace.DEFAULT, "web-5", Lifecycle.DRAINING, "drain"));
            h.run(new MarkNodeInactive("web-5", Lifecycle.DRAINING, 16_000));
            h.run(new SetNodeStatus(Workspace.DEFAULT, "web-6", Lifecycle.MAINTENANCE, "kernel"));
            h.run(new UpdateNode(Workspace.DEFAULT, "web-7",
                    new NodePatch("seven", Map.of("x", "y"), List.of(), Map.of("a", 1), null, null, null, null)));
            h.run(new RegisterNode(spec("unwatched", Lifecycle.STOPPED, false), "s", false));
            h.run(new io.corral.server.commands.CreateResource(new io.corral.server.domain.Resource("default",
                    "db.cpu", "table", io.corral.server.domain.RoutingStyle.PARTITIONED, List.of("host"), 8, 2,
                    3_600_000L, Map.of(), List.of(), true, 1, null, 0, 0)));
            h.run(new io.corral.server.commands.rendezvous.AddRendezvousShard("default", "quiver", "http://q:1",
                    List.of("http://q:2"), true));
            h.run(new io.corral.server.commands.rendezvous.AddRendezvousShard("default", "ring", "http://r:1",
                    List.of(), false));
            long grow = h.run(new io.corral.server.commands.rendezvous.GrowRing("default", "ring", "http://r:2",
                    List.of())).migration().id();
            h.run(new io.corral.server.commands.rendezvous.AdvanceRingMigration(grow,
                    io.corral.server.domain.RingMigrationPhase.GRACE_BEFORE,
                    io.corral.server.domain.RingMigrationPhase.REVERTED, "multivector"));
            h.run(new io.corral.server.commands.rendezvous.AddRendezvousShard("default", "ring", "http://r:3",
                    List.of(), false));
            h.run(new io.corral.server.commands.rendezvous.DrainRingShard("default", "ring", 0));
            h.run(new io.corral.server.commands.SetClusterMaintenance(true, "window"));
            h.run(new SetAutoscaleSettings("team-a", new AutoscaleSettings(true, "keys", 1000, 100, 2, 8, 10_000,
                    60_000)));
            h.run((image, ctx) -> Outcome.of(null, new AutoscaleActed("team-a", AutoscaleAction.SCALE_IN, "db-1",
                    "test", ctx.nowMs(), ctx.actor())));
            img = h.image();
        }
        assertThat(img.nextNodeSeq()).as("77 took its own number, the node after it 78").isEqualTo(79);

        ClusterImage back = roundTrip(img);

        assertThat(back.appliedIndex()).isEqualTo(img.appliedIndex());
        assertThat(back.nextNodeSeq()).isEqualTo(img.nextNodeSeq());
        assertThat(back.nextEventSeq()).isEqualTo(img.nextEventSeq());
        assertThat(back.workspaces()).isEqualTo(img.workspaces());
        assertThat(back.nodes()).isEqualTo(img.nodes());
        assertThat(back.nodeIdBySeq()).isEqualTo(img.nodeIdBySeq());
        assertThat(back.apiKeys()).isEqualTo(img.apiKeys());
        assertThat(back.events()).isEqualTo(img.events());
        assertThat(img.maps().get("default/db.cpu").shards()).as("the resource was placed").hasSize(8);
        assertThat(back.resources()).isEqualTo(img.resources());
        assertThat(back.maps()).isEqualTo(img.maps());
        assertThat(back.mapVersion()).isEqualTo(img.mapVersion());
        assertThat(back.workspaceMapVersions()).isEqualTo(img.workspaceMapVersions());
        assertThat(back.mapChanges()).isEqualTo(img.mapChanges());
        assertThat(back.maintenance()).isEqualTo(img.maintenance()).isNotNull();
        assertThat(img.autoscale().settingsOf("team-a").enabled()).isTrue();
        assertThat(img.autoscale().lastActionAtMs("team-a")).isPositive();
        assertThat(back.autoscale()).isEqualTo(img.autoscale());
        assertThat(img.ringMigrations().migrations()).as("a finished and a running ring migration").hasSize(2);
        assertThat(back.ringMigrations()).isEqualTo(img.ringMigrations());
        assertThat(back).isEqualTo(img);
    }

    @Test
    void writingLeavesTheCallersStreamOpenSoItCanBeSyncedAndClosedByTheCaller() throws IOException {
        class Tracking extends ByteArrayOutputStream {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        }
        Tracking out = new Tracking();
        ImageSnapshotCodec.write(ClusterImage.empty(), out);
        assertThat(out.closed).as("the snapshot writer must not close the stream before the caller fsyncs it")
                .isFalse();
        assertThat(ImageSnapshotCodec.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(ClusterImage.empty());
    }

    private static ClusterImage roundTrip(ClusterImage img) throws IOException {
        return ImageSnapshotCodec.read(new ByteArrayInputStream(write(img)));
    }

    private static byte[] write(ClusterImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageSnapshotCodec.write(img, out);
        return out.toByteArray();
    }
}
