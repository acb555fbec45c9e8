package io.corral.server.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * All ring migrations: the ones under way and the newest {@link #FINISHED_KEPT} finished ones, by id.
 * Ids come from {@code nextId}, which only grows, so an id is never reused. Immutable.
 */
public record RingMigrationBook(long nextId, PSortedMap<Long, RingMigration> migrations) {
    public static final int FINISHED_KEPT = 100;
    public static final RingMigrationBook EMPTY = new RingMigrationBook(1, TreePMap.empty());

    public Optional<RingMigration> find(long id) {
        return Optional.ofNullable(migrations.get(id));
    }

    /** Applies a new value of a migration, dropping the oldest finished ones beyond {@link #FINISHED_KEPT}. */
    public RingMigrationBook with(RingMigration m) {
        PSortedMap<Long, RingMigration> all = migrations.plus(m.id(), m);
        int finished = 0;
        for (RingMigration r : all.values()) {
            finished += r.phase().terminal() ? 1 : 0;
        }
        for (RingMigration r : all.values()) {
            if (finished <= FINISHED_KEPT) {
                break;
            }
            if (r.phase().terminal()) {
                all = all.minus(r.id());
                finished--;
            }
        }
        return new RingMigrationBook(Math.max(nextId, m.id() + 1), all);
    }

    /** The migrations under way, oldest first. */
    public List<RingMigration> active() {
        List<RingMigration> out = new ArrayList<>();
        for (RingMigration m : migrations.values()) {
            if (!m.phase().terminal()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The migration under way on a resource, if any (a resource has at most one). */
    public Optional<RingMigration> activeOn(String workspace, String resourceId) {
        for (RingMigration m : migrations.values()) {
            if (!m.phase().terminal() && m.workspace().equals(workspace) && m.resourceId().equals(resourceId)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
