package io.corral.server.policies.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One placement pass over a validated input: index the nodes, read and settle the current assignment,
 * compute every resource's shares and the total bounds, place the resources one by one (the most
 * constrained first), relieve nodes that ended above their total bound, choose leaders, build the result.
 */
final class PlacementPass {
    /** The result of a pass, and whether some node was left above one of its bounds. */
    record Outcome(PlacementResult result, boolean aboveBound) {
    }

    private PlacementPass() {
    }

    static Outcome run(PlacementInput input) {
        double epsilon = input.epsilon();
        NodeIndex nodes = new NodeIndex(input.nodes());
        List<ResourceState> byId = resources(input.resources(), nodes);
        Map<String, ResourceState> lookup = new HashMap<>();
        for (ResourceState state : byId) {
            lookup.put(state.id, state);
        }
        InputReader reader = new InputReader(nodes, lookup);
        reader.read(input.current());
        KeptReplicas kept = new KeptReplicas(nodes);
        Loads loads = new Loads(nodes.size(), epsilon);
        for (ResourceState state : byId) {
            kept.settle(state);
            state.shares = LoadShares.shares(state, nodes, LoadShares.target(state, nodes));
            for (int i = 0; i < state.members.length; i++) {
                loads.share[state.members[i]] += state.shares[i];
                loads.load[state.members[i]] += state.keptLoad[i];
            }
        }
        loads.computeCaps();
        List<ResourceState> order = new ArrayList<>(byId);
        order.sort(Comparator.<ResourceState>comparingInt(s -> s.members.length).thenComparing(s -> s.id));
        int[] memberIndex = new int[nodes.size()];
        Arrays.fill(memberIndex, -1);
        Map<String, Map<Integer, Integer>> overBound = new TreeMap<>();
        if (anyAboveTotalBound(loads)) {
            for (ResourceState state : order) {
                new ResourceRun(state, nodes, loads, memberIndex).shedOnly();
            }
        }
        for (ResourceState state : order) {
            ResourceRun run = new ResourceRun(state, nodes, loads, memberIndex);
            run.run();
            if (!run.overBound.isEmpty()) {
                overBound.put(state.id, run.overBound);
            }
        }
        if (anyAboveTotalBound(loads)) {
            for (ResourceState state : order) {
                ResourceRun run = new ResourceRun(state, nodes, loads, memberIndex);
                run.relieveAfterOthers();
                overBound.remove(state.id);
                if (!run.overBound.isEmpty()) {
                    overBound.put(state.id, run.overBound);
                }
            }
        }
        LeaderChooser.choose(byId, nodes);
        boolean aboveBound = !overBound.isEmpty() || anyAboveTotalBound(loads);
        return new Outcome(ResultBuilder.build(byId, nodes, reader, kept, overBound, loads), aboveBound);
    }

    private static boolean anyAboveTotalBound(Loads loads) {
        for (int n = 0; n < loads.load.length; n++) {
            if (loads.load[n] > loads.cap[n]) {
                return true;
            }
        }
        return false;
    }

    private static List<ResourceState> resources(List<PlacementResource> input, NodeIndex nodes) {
        List<PlacementResource> sorted = new ArrayList<>();
        for (PlacementResource resource : input) {
            if (resource == null || resource.id() == null) {
                throw new IllegalArgumentException("a placement resource needs an id");
            }
            sorted.add(resource);
        }
        sorted.sort(Comparator.comparing(PlacementResource::id));
        List<ResourceState> states = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalArgumentException("duplicate resource id " + sorted.get(i).id());
            }
            states.add(new ResourceState(sorted.get(i), nodes));
        }
        return states;
    }
}
