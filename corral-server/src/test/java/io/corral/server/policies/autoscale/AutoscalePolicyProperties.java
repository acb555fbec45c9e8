package io.corral.server.policies.autoscale;

import static io.corral.server.policies.autoscale.AutoscaleImages.WS;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.AutoscaleAction;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The autoscale decision's guarantees over random workspaces, policies, loads and histories: it never
 * acts during the cooldown, while a move is under way or while a node drains; it never grows past
 * {@code max_nodes} nor shrinks below {@code min_nodes}; it acts only on the nodes and signals its rules
 * name; and it is deterministic.
 */
class AutoscalePolicyProperties {
    private static final long NOW = 5_000_000_000L;
    /** One node of a random workspace: its state, whether it is a standby, and the load it reports (null: none). */
    record NodeCase(Lifecycle status, boolean standby, Double load) {
    }

    /** A random situation to decide on. */
    record Case(List<NodeCase> nodes, AutoscaleSettings settings, boolean moveUnderWay, long sinceLastActionMs,
                boolean neverActed) {

        ClusterImage image() {
            AutoscaleImages b = new AutoscaleImages().settings(settings);
            for (int i = 0; i < nodes.size(); i++) {
                NodeCase n = nodes.get(i);
                b.node(WS, "n" + i, "worker", n.status(), n.standby());
            }
            if (moveUnderWay) {
                b.moving(WS, "n0", "n1");
            }
            return b.image();
        }

        Map<String, Double> loads() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).load() != null) {
                    out.put("n" + i, nodes.get(i).load());
                }
            }
            return out;
        }

        long lastActionAtMs() {
            return neverActed ? 0 : NOW - sinceLastActionMs;
        }

        Decision decide() {
            return AutoscalePolicy.decide(image(), WS, new LoadSnapshot("keys", loads()), NOW, lastActionAtMs());
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Lifecycle> state = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(Lifecycle.ACTIVE)),
                Tuple.of(1, Arbitraries.of(Lifecycle.INACTIVE, Lifecycle.MAINTENANCE, Lifecycle.DRAINING,
                        Lifecycle.DRAINED, Lifecycle.JOINING)));
        Arbitrary<Double> load = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.doubles().between(0, 300).ofScale(0)),
                Tuple.of(2, Arbitraries.doubles().between(0, 2_000).ofScale(0))).injectNull(0.03);
        Arbitrary<NodeCase> node = Combinators.combine(state, Arbitraries.of(false, false, false, true), load)
                .as(NodeCase::new);
        Arbitrary<AutoscaleSettings> settings = Combinators.combine(Arbitraries.of(true, true, true, true, true, false),
                level(), level(), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 10),
                Arbitraries.longs().between(0, 600_000)).as((enabled, high, low, min, max, cooldown) -> {
                    double h = high;
                    double l = high > 0 ? Math.min(low, high - 1) : low;
                    boolean on = enabled && (h > 0 || l > 0);
                    int cap = max == 0 ? 0 : Math.max(max, min);
                    return new AutoscaleSettings(on, "keys", h, l, min, cap, 1_000, cooldown);
                });
        return Combinators.combine(node.list().ofMinSize(1).ofMaxSize(9), settings,
                Arbitraries.of(false, false, false, false, true),
                Arbitraries.longs().between(0, 900_000), Arbitraries.of(true, false)).as(Case::new);
    }

    /** A water mark: 0 (off) one time in five, else up to 2000. */
    private static Arbitrary<Integer> level() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(4, Arbitraries.integers().between(1, 2_000)));
    }

    @Property(tries = 400)
    void neverActsDuringTheCooldown(@ForAll("cases") Case c) {
        Decision d = c.decide();
        if (!c.neverActed() && c.sinceLastActionMs() < c.settings().cooldownMs()) {
            assertThat(d.acts()).as(d.toString()).isFalse();
        }
    }

    @Property(tries = 400)
    void neverActsWhileAMoveIsUnderWayOrANodeDrains(@ForAll("cases") Case c) {
        boolean draining = c.nodes().stream().anyMatch(n -> n.status() == Lifecycle.DRAINING);
        if (c.moveUnderWay() || draining) {
            Decision d = c.decide();
            assertThat(d.acts()).as(d.toString()).isFalse();
        }
    }

    @Property(tries = 600)
    void scaleOutPromotesAnActiveStandbyAndNeverGrowsPastTheCap(@ForAll("cases") Case c) {
        Decision d = c.decide();
        if (d.action() != AutoscaleAction.SCALE_OUT) {
            return;
        }
        ClusterImage img = c.image();
        AutoscaleNodes nodes = AutoscaleNodes.of(img, WS);
        Node target = img.nodes().get(d.nodeId());
        assertThat(nodes.standbys()).contains(target);
        assertThat(target.status()).isEqualTo(Lifecycle.ACTIVE);
        if (c.settings().maxNodes() > 0) {
            assertThat(nodes.members().size() + 1).isLessThanOrEqualTo(c.settings().maxNodes());
        }
        assertThat(nodes.activeMembers()).as("some active member is above the high water")
                .anyMatch(n -> c.loads().getOrDefault(n.id(), 0.0) > c.settings().highWater());
    }

    @Property(tries = 600)
    void scaleInDrainsTheLeastLoadedMemberAndNeverShrinksBelowTheMinimum(@ForAll("cases") Case c) {
        Decision d = c.decide();
        if (d.action() != AutoscaleAction.SCALE_IN) {
            return;
        }
        AutoscaleNodes nodes = AutoscaleNodes.of(c.image(), WS);
        Map<String, Double> loads = c.loads();
        assertThat(nodes.members().size() - 1).isGreaterThanOrEqualTo(c.settings().minNodes());
        assertThat(nodes.members()).extracting(Node::id).contains(d.nodeId());
        assertThat(nodes.members()).allMatch(n -> n.status() == Lifecycle.ACTIVE && loads.containsKey(n.id()));
        double target = loads.get(d.nodeId());
        assertThat(target).isLessThan(c.settings().lowWater());
        assertThat(nodes.members()).allMatch(n -> loads.get(n.id()) >= target);
        if (c.settings().highWater() > 0) {
            assertThat(nodes.members()).allMatch(n -> loads.get(n.id()) <= c.settings().highWater());
        }
    }

    @Property(tries = 300)
    void aDisabledPolicyNeverActs(@ForAll("cases") Case c) {
        if (!c.settings().enabled()) {
            assertThat(c.decide().refusal()).isEqualTo(Refusal.DISABLED);
        }
    }

    @Property(tries = 300)
    void theSameInputGivesTheSameDecisionWhateverTheOrderOfTheLoads(@ForAll("cases") Case c, @ForAll long seed) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(c.loads().entrySet());
        Collections.shuffle(entries, new Random(seed));
        Map<String, Double> shuffled = new LinkedHashMap<>();
        entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));
        Decision again = AutoscalePolicy.decide(c.image(), WS, new LoadSnapshot("keys", shuffled), NOW,
                c.lastActionAtMs());
        assertThat(again).isEqualTo(c.decide());
    }

    /** Guards the other properties against vacuity: the random cases do reach both actions and the refusals. */
    @Property(tries = 1_000)
    void theCasesReachEveryKindOfDecision(@ForAll("cases") Case c) {
        Decision d = c.decide();
        Statistics.label("action").collect(d.action());
        Statistics.label("refusal").collect(d.refusal() == null ? "none" : d.refusal().wire());
        Statistics.label("action").coverage(check -> {
            check.check(AutoscaleAction.SCALE_OUT).count(n -> n >= 5);
            check.check(AutoscaleAction.SCALE_IN).count(n -> n >= 5);
        });
        Statistics.label("refusal").coverage(check -> {
            for (String r : List.of("cooldown", "move_in_progress", "node_draining", "at_max_nodes",
                    "standby_pool_empty", "at_min_nodes")) {
                check.check(r).count(n -> n >= 1);
            }
        });
    }

    @Property(tries = 300)
    void everyDecisionExplainsItselfAndOnlyRefusalsCarryACode(@ForAll("cases") Case c) {
        Decision d = c.decide();
        assertThat(d.reason()).isNotBlank();
        assertThat(d.refusal() == null).isEqualTo(d.acts());
        assertThat(d.nodeId() != null).isEqualTo(d.acts());
    }
}
