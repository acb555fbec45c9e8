package io.corral.server.autoscale;

import io.corral.server.commands.autoscale.ApplyAutoscale;
import io.corral.server.commands.autoscale.RecordAutoscaleSkip;
import io.corral.server.controller.Controller;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.policies.autoscale.AutoscalePolicy;
import io.corral.server.policies.autoscale.Decision;
import io.corral.server.policies.autoscale.LoadSnapshot;
import io.corral.server.security.Principal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each workspace's autoscale policy on the leader. {@link #tick()} (called often, e.g. every few
 * hundred ms) evaluates every enabled workspace whose {@code interval} has passed since its last
 * evaluation: it reads the load from the latest heartbeats, asks {@link AutoscalePolicy}, and when the
 * decision acts submits {@link ApplyAutoscale}, which decides again on the image it writes to. A notable
 * refusal (e.g. "above the high water but the standby pool is empty") is recorded as an
 * {@code autoscale.skipped} event when it first happens and then at most once per {@code refusalRepeatMs}
 * while it lasts. The latest decision per workspace is kept (soft state) for the API. Time comes from the
 * injected clock.
 */
public final class Autoscaler {
    private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);
    private static final String ACTOR = Principal.system("autoscaler").actor();
    /** How often an unchanged notable refusal is recorded again by default. */
    public static final long DEFAULT_REFUSAL_REPEAT_MS = 5 * 60_000;

    /** A decision and when it was made (epoch ms). */
    public record Observed(Decision decision, long atMs) {
    }

    private final Controller controller;
    private final LoadReader loads;
    private final Clock clock;
    private final RepeatLimiter refusals;
    private final Map<String, Long> lastEvaluatedAtMs = new ConcurrentHashMap<>();
    private final Map<String, Observed> latest = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public Autoscaler(Controller controller, LoadReader loads, Clock clock, long refusalRepeatMs) {
        this.controller = controller;
        this.loads = loads;
        this.clock = clock;
        this.refusals = new RepeatLimiter(refusalRepeatMs);
    }

    /** The latest decision for a workspace, or null when none was made since this coordinator led. */
    public Observed latest(String workspace) {
        return latest.get(workspace);
    }

    /** Evaluates every enabled workspace that is due. */
    public void tick() {
        ClusterImage image = controller.image();
        long now = clock.millis();
        latest.keySet().removeIf(ws -> !image.autoscale().settingsOf(ws).enabled());
        lastEvaluatedAtMs.keySet().removeIf(ws -> !image.workspaces().containsKey(ws));
        for (String ws : image.workspaces().keySet()) {
            AutoscaleSettings s = image.autoscale().settingsOf(ws);
            if (!s.enabled() || inFlight.contains(ws)) {
                continue;
            }
            Long last = lastEvaluatedAtMs.get(ws);
            if (last != null && now - last < s.intervalMs()) {
                continue;
            }
            lastEvaluatedAtMs.put(ws, now);
            evaluate(image, ws, s, now);
        }
    }

    private void evaluate(ClusterImage image, String ws, AutoscaleSettings s, long now) {
        LoadSnapshot load = loads.read(image, ws, s.metric());
        Decision d = AutoscalePolicy.decide(image, ws, load, now, image.autoscale().lastActionAtMs(ws));
        latest.put(ws, new Observed(d, now));
        if (d.acts()) {
            inFlight.add(ws);
            controller.submit(ACTOR, new ApplyAutoscale(ws, load)).whenComplete((done, e) -> {
                inFlight.remove(ws);
                if (e != null) {
                    LOG.warn("autoscale of workspace {} failed: {}", ws, e.getMessage());
                    return;
                }
                latest.put(ws, new Observed(done, now));
                if (done.acts()) {
                    refusals.forget(ws + "/");
                    LOG.info("autoscale of workspace {}: {} node {} ({})", ws, done.action().wire(), done.nodeId(),
                            done.reason());
                }
            });
        } else if (d.notable() && refusals.allow(ws + "/" + d.refusal().wire(), now)) {
            controller.submit(ACTOR, new RecordAutoscaleSkip(ws, d)).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.warn("recording an autoscale refusal of workspace {} failed: {}", ws, e.getMessage());
                }
            });
        }
    }
}
