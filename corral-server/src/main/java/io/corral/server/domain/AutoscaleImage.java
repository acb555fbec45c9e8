package io.corral.server.domain;

import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The replicated part of autoscaling: each workspace's policy and when it last acted, so the cooldown
 * holds across restarts and leader changes. Immutable and built only by replay; a workspace without an
 * entry has {@link AutoscaleSettings#DEFAULTS} and has never acted.
 *
 * @param settings       the policy per workspace
 * @param lastActionAtMs per workspace, when autoscale last scaled out or in (epoch ms)
 */
public record AutoscaleImage(PMap<String, AutoscaleSettings> settings, PMap<String, Long> lastActionAtMs) {

    public static AutoscaleImage empty() {
        return new AutoscaleImage(HashTreePMap.empty(), HashTreePMap.empty());
    }

    public AutoscaleSettings settingsOf(String workspace) {
        AutoscaleSettings s = settings.get(workspace);
        return s == null ? AutoscaleSettings.DEFAULTS : s;
    }

    /** When the workspace's autoscaler last acted, 0 when never. */
    public long lastActionAtMs(String workspace) {
        Long at = lastActionAtMs.get(workspace);
        return at == null ? 0L : at;
    }

    public AutoscaleImage withSettings(String workspace, AutoscaleSettings s) {
        return new AutoscaleImage(settings.plus(workspace, s), lastActionAtMs);
    }

    public AutoscaleImage withLastAction(String workspace, long atMs) {
        return new AutoscaleImage(settings, lastActionAtMs.plus(workspace, atMs));
    }

    /** The state without a deleted workspace. */
    public AutoscaleImage without(String workspace) {
        return new AutoscaleImage(settings.minus(workspace), lastActionAtMs.minus(workspace));
    }
}
