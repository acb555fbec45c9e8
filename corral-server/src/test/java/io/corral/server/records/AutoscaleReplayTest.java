package io.corral.server.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.AutoscaleAction;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.Workspace;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replaying autoscale records: state, events with their reasons, aggregation and workspace deletion. */
class AutoscaleReplayTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final AutoscaleSettings ON = new AutoscaleSettings(true, "keys", 1000, 100, 2, 6, 30_000, 300_000);

    private static Event last(ClusterImage img) {
        return img.events().get(img.events().lastKey());
    }

    @Test
    void settingThePolicyKeepsItAndSaysWhatItIs() {
        ClusterImage img = Replayer.apply(ClusterImage.empty(), new AutoscaleSettingsSet("default", ON, T0, "key:k"));
        assertThat(img.autoscale().settingsOf("default")).isEqualTo(ON);
        assertThat(img.autoscale().settingsOf("other")).isEqualTo(AutoscaleSettings.DEFAULTS);
        assertThat(last(img).reason()).isEqualTo("autoscale.settings_updated");
        assertThat(last(img).message()).isEqualTo("Autoscale of workspace default set: enabled, metric keys, "
                + "high water 1000, low water 100, nodes 2-6, interval 30s, cooldown 5m");
        assertThat(last(img).actor()).isEqualTo("key:k");
    }

    @Test
    void anActionStartsTheCooldownAndIsAnEventNamingTheNodeAndTheReason() {
        ClusterImage img = Replayer.apply(ClusterImage.empty(), new AutoscaleActed("default",
                AutoscaleAction.SCALE_OUT, "s1", "keys on node a is 1500, above the high water 1000", T0,
                "system:autoscaler"));
        assertThat(img.autoscale().lastActionAtMs("default")).isEqualTo(T0);
        Event e = last(img);
        assertThat(e.reason()).isEqualTo("autoscale.scale_out");
        assertThat(e.type()).isEqualTo(Event.NORMAL);
        assertThat(e.nodeId()).isEqualTo("s1");
        assertThat(e.message()).isEqualTo("Scaled out: promoted standby node s1 (keys on node a is 1500, above the "
                + "high water 1000)");
        img = Replayer.apply(img, new AutoscaleActed("default", AutoscaleAction.SCALE_IN, "c", "idle", T0 + 5,
                "system:autoscaler"));
        assertThat(last(img).reason()).isEqualTo("autoscale.scale_in");
        assertThat(img.autoscale().lastActionAtMs("default")).isEqualTo(T0 + 5);
    }

    @Test
    void repeatedRefusalsAreWarningsThatAggregateByCode() {
        ClusterImage img = ClusterImage.empty();
        img = Replayer.apply(img, new AutoscaleSkipped("default", "standby_pool_empty", "keys at 1500", T0, "s:a"));
        img = Replayer.apply(img, new AutoscaleSkipped("default", "standby_pool_empty", "keys at 1700", T0 + 60_000,
                "s:a"));
        Event e = last(img);
        assertThat(e.reason()).isEqualTo("autoscale.skipped");
        assertThat(e.type()).isEqualTo(Event.WARNING);
        assertThat(e.count()).isEqualTo(2);
        assertThat(e.message()).isEqualTo("Autoscale did not act: keys at 1700");
        img = Replayer.apply(img, new AutoscaleSkipped("default", "at_max_nodes", "cap", T0 + 61_000, "s:a"));
        assertThat(img.events().values().stream().filter(ev -> ev.reason().equals("autoscale.skipped")).count())
                .isEqualTo(2);
        assertThat(img.autoscale().lastActionAtMs("default")).as("a refusal is no action").isZero();
    }

    @Test
    void recordsForAMissingWorkspaceChangeNothingAndDeletionDropsTheState() {
        ClusterImage empty = ClusterImage.empty();
        assertThat(Replayer.apply(empty, new AutoscaleSettingsSet("nope", ON, T0, "k"))).isEqualTo(empty);
        assertThat(Replayer.apply(empty, new AutoscaleActed("nope", AutoscaleAction.SCALE_IN, "x", "r", T0, "k")))
                .isEqualTo(empty);
        assertThat(Replayer.apply(empty, new AutoscaleSkipped("nope", "at_max_nodes", "r", T0, "k")))
                .isEqualTo(empty);

        ClusterImage img = Replayer.apply(empty, new WorkspaceCreated(new Workspace("team", "Team", null, Map.of(),
                T0), T0, "k"));
        img = Replayer.apply(img, new AutoscaleSettingsSet("team", ON, T0, "k"));
        img = Replayer.apply(img, new AutoscaleActed("team", AutoscaleAction.SCALE_IN, "x", "r", T0, "k"));
        img = Replayer.apply(img, new WorkspaceDeleted("team", T0 + 1, "k"));
        assertThat(img.autoscale().settings()).doesNotContainKey("team");
        assertThat(img.autoscale().lastActionAtMs()).doesNotContainKey("team");
    }
}
