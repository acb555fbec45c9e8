package io.corral.server.records;

import io.corral.server.config.Durations;
import io.corral.server.domain.AutoscaleAction;
import io.corral.server.domain.AutoscaleImage;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;

/**
 * Replays {@link AutoscaleRecord}s, with the same guarantees as {@link Replayer}: pure, total, and a
 * record whose precondition no longer holds (its workspace is gone) is a no-op. Events:
 * {@code autoscale.settings_updated}, {@code autoscale.scale_out}, {@code autoscale.scale_in} (Normal) and
 * {@code autoscale.skipped} (Warning, aggregated by refusal code).
 */
public final class AutoscaleReplay {
    private AutoscaleReplay() {
    }

    public static ClusterImage apply(ClusterImage img, AutoscaleRecord record) {
        if (record instanceof AutoscaleSettingsSet r) {
            if (img.workspace(r.workspace()).isEmpty()) {
                return img;
            }
            ClusterImage next = img.withAutoscale(img.autoscale().withSettings(r.workspace(), r.settings()));
            return EventJournal.append(next, r, r.workspace(), Event.NORMAL, "autoscale.settings_updated",
                    "Autoscale of workspace " + r.workspace() + " set: " + describe(r.settings()), null, null);
        } else if (record instanceof AutoscaleActed r) {
            if (img.workspace(r.workspace()).isEmpty() || r.action() == AutoscaleAction.NONE) {
                return img;
            }
            ClusterImage next = img.withAutoscale(img.autoscale().withLastAction(r.workspace(), r.atMs()));
            String verb = r.action() == AutoscaleAction.SCALE_OUT ? "Scaled out: promoted standby node "
                    : "Scaling in: draining node ";
            return EventJournal.append(next, r, r.workspace(), Event.NORMAL, "autoscale." + r.action().wire(),
                    verb + r.nodeId() + " (" + r.reason() + ")", r.nodeId(), null);
        } else if (record instanceof AutoscaleSkipped r) {
            if (img.workspace(r.workspace()).isEmpty()) {
                return img;
            }
            return EventJournal.append(img, r, r.workspace(), Event.WARNING, "autoscale.skipped",
                    "Autoscale did not act: " + r.reason(), null, "skipped:" + r.refusal());
        }
        throw new IllegalStateException("unknown autoscale record " + record.getClass());
    }

    /** The autoscale state of a deleted workspace goes with it. */
    static ClusterImage workspaceDeleted(ClusterImage img, String workspace) {
        AutoscaleImage a = img.autoscale();
        return a.settings().containsKey(workspace) || a.lastActionAtMs().containsKey(workspace)
                ? img.withAutoscale(a.without(workspace)) : img;
    }

    /** One line for the event: {@code enabled, metric keys, high water 1000, low water 100, …}. */
    static String describe(AutoscaleSettings s) {
        return (s.enabled() ? "enabled" : "disabled") + ", metric " + s.metric() + ", high water "
                + (s.highWater() > 0 ? AutoscaleSettings.format(s.highWater()) : "off") + ", low water "
                + (s.lowWater() > 0 ? AutoscaleSettings.format(s.lowWater()) : "off") + ", nodes " + s.minNodes() + "-"
                + (s.maxNodes() > 0 ? Integer.toString(s.maxNodes()) : "unlimited") + ", interval "
                + Durations.format(s.intervalMs()) + ", cooldown " + Durations.format(s.cooldownMs());
    }
}
