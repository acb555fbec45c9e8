package io.corral.server.shardmap;

import io.corral.server.commands.rendezvous.AdvanceRingMigration;
import io.corral.server.controller.Controller;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationPhase;
import io.corral.server.security.Principal;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives ring migrations on the leader, phase by phase, from the replicated state: {@link #tick()}
 * (run periodically) ends a grace once it has lasted {@code graceMs} since this runner first saw the
 * phase (so a restarted coordinator waits a whole grace again, never less), and runs the copy or the
 * drop of a migration on a worker thread, then records the next phase: after the copy the flip, after
 * a failed copy the revert, after the drop {@code DONE}, after a failed drop {@code FAILED} (the flip
 * stands: undoing it would lose the writes the new shard took since). Each step is recorded with the
 * phase it started from, so a stale step is refused rather than applied twice. A migration found in
 * {@code COPYING} or {@code DROPPING} after a restart runs that step again from the start; both are
 * idempotent. Closing stops the workers without recording anything.
 */
public final class RingMigrationRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RingMigrationRunner.class);
    private static final String ACTOR = Principal.system("ring-migrations").actor();

    private final Controller controller;
    private final Clock clock;
    private final long graceMs;
    private final SliceMover mover;
    private final ExecutorService workers;
    /** When this runner first saw each migration in its current phase, by {@code id:phase}. */
    private final Map<String, Long> phaseSeenAtMs = new ConcurrentHashMap<>();
    /** Migrations with a step under way (a worker running, or a phase change being committed). */
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public RingMigrationRunner(Controller controller, Clock clock, long graceMs, SliceMover mover) {
        this.controller = controller;
        this.clock = clock;
        this.graceMs = graceMs;
        this.mover = mover;
        this.workers = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "corral-ring-migrations");
            t.setDaemon(true);
            return t;
        });
    }

    public long graceMs() {
        return graceMs;
    }

    public void tick() {
        if (closed) {
            return;
        }
        long now = clock.millis();
        List<RingMigration> active = controller.image().ringMigrations().active();
        Set<String> current = new HashSet<>();
        active.forEach(m -> current.add(key(m)));
        phaseSeenAtMs.keySet().retainAll(current);
        for (RingMigration m : active) {
            if (!busy.add(m.id())) {
                continue;
            }
            switch (m.phase()) {
                case GRACE_BEFORE -> afterGrace(m, now, RingMigrationPhase.COPYING);
                case GRACE_AFTER -> afterGrace(m, now, m.kind() == RingMigration.Kind.GROW
                        ? RingMigrationPhase.DROPPING : RingMigrationPhase.DONE);
                case COPYING -> work(m, true);
                case DROPPING -> work(m, false);
                default -> busy.remove(m.id());
            }
        }
    }

    private static String key(RingMigration m) {
        return key(m.id(), m.phase());
    }

    private static String key(long id, RingMigrationPhase phase) {
        return id + ":" + phase;
    }

    /**
     * Whether this runner has started the grace of migration {@code id} in {@code phase}: a tick saw it
     * there while no step of it was under way. A tick skips a migration whose last step is still being
     * recorded, so this can be false for a moment after the image shows the phase.
     */
    boolean graceStarted(long id, RingMigrationPhase phase) {
        return phaseSeenAtMs.containsKey(key(id, phase));
    }

    private void afterGrace(RingMigration m, long now, RingMigrationPhase next) {
        long seen = phaseSeenAtMs.computeIfAbsent(key(m), k -> now);
        if (now - seen >= graceMs) {
            advance(m, next, null);
        } else {
            busy.remove(m.id());
        }
    }

    private void work(RingMigration m, boolean copy) {
        try {
            workers.execute(() -> runStep(m, copy));
        } catch (RejectedExecutionException closing) {
            busy.remove(m.id());
        }
    }

    private void runStep(RingMigration m, boolean copy) {
        try {
            if (copy) {
                mover.copy(m);
                advance(m, RingMigrationPhase.GRACE_AFTER, null);
            } else {
                mover.drop(m);
                advance(m, RingMigrationPhase.DONE, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            busy.remove(m.id());
        } catch (Exception e) {
            if (closed) {
                busy.remove(m.id()); // stopped by close(): the next leader runs the step again
                return;
            }
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("ring migration {} ({} of shard {}) failed while {}: {}", m.id(), m.kind().wire(), m.shardId(),
                    m.phase().wire(), error);
            advance(m, copy ? RingMigrationPhase.REVERTED : RingMigrationPhase.FAILED, error);
        }
    }

    private void advance(RingMigration m, RingMigrationPhase next, String error) {
        if (closed) {
            busy.remove(m.id());
            return;
        }
        controller.submit(ACTOR, new AdvanceRingMigration(m.id(), m.phase(), next, error)).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("ring migration {} could not go from {} to {}: {}", m.id(), m.phase().wire(), next.wire(),
                        e.getMessage());
            }
            busy.remove(m.id());
        });
    }

    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
    }
}
