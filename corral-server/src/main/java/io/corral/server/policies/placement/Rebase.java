package io.corral.server.policies.placement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Re-expresses the result of a later pass relative to the original input assignment: the moves and the
 * leader changes from the original input to the final assignment (same pairing rule as
 * {@link ResultBuilder}), and the warnings of the first pass about the input with those of the last pass.
 */
final class Rebase {
    private Rebase() {
    }

    static PlacementResult onto(Map<ShardRef, List<String>> original, PlacementResult last, List<String> firstWarnings) {
        Map<ShardRef, List<String>> input = original == null ? Map.of() : original;
        List<ReplicaMove> moves = new ArrayList<>();
        int leaderChanges = 0;
        for (Map.Entry<ShardRef, List<String>> e : last.assignment().entrySet()) {
            List<String> before = input.getOrDefault(e.getKey(), List.of());
            List<String> after = e.getValue();
            if (before == null) {
                before = List.of();
            }
            if (!before.isEmpty() && !after.isEmpty() && !before.get(0).equals(after.get(0))) {
                leaderChanges++;
            }
            List<String> removed = new ArrayList<>();
            for (String n : before) {
                if (!after.contains(n) && !removed.contains(n)) {
                    removed.add(n);
                }
            }
            List<String> added = new ArrayList<>();
            for (String n : after) {
                if (!before.contains(n)) {
                    added.add(n);
                }
            }
            for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
                moves.add(new ReplicaMove(e.getKey(), k < removed.size() ? removed.get(k) : null,
                        k < added.size() ? added.get(k) : null));
            }
        }
        Map<ShardRef, List<String>> orphans = new TreeMap<>();
        input.forEach((ref, list) -> {
            if (!last.assignment().containsKey(ref)) {
                orphans.put(ref, list == null ? List.of() : list);
            }
        });
        orphans.forEach((ref, list) -> {
            List<String> seen = new ArrayList<>();
            for (String n : list) {
                if (!seen.contains(n)) {
                    seen.add(n);
                    moves.add(new ReplicaMove(ref, n, null));
                }
            }
        });
        Set<String> warnings = new LinkedHashSet<>();
        for (String w : firstWarnings) {
            if (!w.contains("load bound")) {
                warnings.add(w);
            }
        }
        warnings.addAll(last.warnings());
        PlacementStats s = last.stats();
        return new PlacementResult(last.assignment(), List.copyOf(moves),
                new PlacementStats(s.replicas(), moves.size(), leaderChanges, s.maxOverAvgLoad(), s.unplaced()),
                List.copyOf(warnings));
    }
}
