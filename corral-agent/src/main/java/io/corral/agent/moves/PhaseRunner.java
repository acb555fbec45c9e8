package io.corral.agent.moves;

import io.corral.agent.CoordinatorException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does this node's part of one phase of one move and reports it: the target copies a snapshot
 * ({@code snapshot}) and applies the changes since it ({@code catch_up}); the source drops its copy
 * ({@code cleanup}). Transfers are tried {@link MoveWorkerSettings#triesPerPhase} times before the
 * phase is given up (the caller then reports {@code fail}); a completion report is retried until the
 * coordinator takes it or the phase is superseded. Remembers, per move, the donor position the target's
 * copy has reached, so a redone catch-up continues from there (or copies a snapshot again when unknown).
 */
final class PhaseRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseRunner.class);

    /** Whether the phase being run was superseded (new attempt or phase, move ended, worker closed). */
    interface Token {
        boolean cancelled();
    }

    /** What is copied from, and the fence the donor must install. */
    private record Donor(String url, long fenceVersion) {
    }

    private record Imported(long position, long itemsTotal) {
    }

    private final String nodeId;
    private final MoveCoordinator coordinator;
    private final MoveTransport transport;
    private final MoveParticipant participant;
    private final MoveWorkerSettings settings;
    private final Map<String, Long> positions = new ConcurrentHashMap<>();

    PhaseRunner(String nodeId, MoveCoordinator coordinator, MoveTransport transport, MoveParticipant participant,
                MoveWorkerSettings settings) {
        this.nodeId = nodeId;
        this.coordinator = coordinator;
        this.transport = transport;
        this.participant = participant;
        this.settings = settings;
    }

    /** Whether this node has work in the task's phase. */
    boolean hasWork(MoveTask t) {
        return switch (t.phase()) {
            case SNAPSHOT, CATCH_UP -> t.isTarget(nodeId);
            case CLEANUP -> t.isSource(nodeId);
            default -> false;
        };
    }

    /** Runs the phase and reports its completion; throws when it failed. */
    void run(MoveTask t, Token token) throws Exception {
        switch (t.phase()) {
            case SNAPSHOT -> snapshot(t, token);
            case CATCH_UP -> catchUp(t, token);
            case CLEANUP -> cleanup(t, token);
            default -> throw new IllegalStateException("no work in phase " + t.phase());
        }
    }

    /** Forgets what it knew about a finished move. */
    void forget(String moveId) {
        positions.remove(moveId);
    }

    private void snapshot(MoveTask t, Token token) throws Exception {
        Donor d = donor(t, token);
        Imported snap = withTries("snapshot of " + t.shard(), token,
                () -> transfer(t, TransferRequest.snapshot(t.moveId(), t.shard(), d.fenceVersion()), d, token));
        positions.put(t.moveId(), snap.position());
        complete(t, StepReport.SNAPSHOT_TRANSFERRED, token);
    }

    private void catchUp(MoveTask t, Token token) throws Exception {
        Donor d = donor(t, token);
        Long known = positions.get(t.moveId());
        long pos = known != null ? known : withTries("snapshot of " + t.shard() + " (catch-up without one)", token,
                () -> transfer(t, TransferRequest.snapshot(t.moveId(), t.shard(), d.fenceVersion()), d, token))
                .position();
        for (int round = 1; round <= settings.maxCatchUpRounds(); round++) {
            long since = pos;
            Imported changes;
            try {
                changes = withTries("changes of " + t.shard() + " since " + since, token, () -> transfer(t,
                        TransferRequest.changes(t.moveId(), t.shard(), since, d.fenceVersion()), d, token));
            } catch (ShardUnavailableException e) {
                LOG.info("move {}: the donor has no changes of {} since {} ({}); copying a snapshot again",
                        t.moveId(), t.shard(), since, e.getMessage());
                changes = withTries("snapshot of " + t.shard(), token, () -> transfer(t,
                        TransferRequest.snapshot(t.moveId(), t.shard(), d.fenceVersion()), d, token));
            }
            pos = changes.position();
            positions.put(t.moveId(), pos);
            if (changes.itemsTotal() == 0) {
                break;
            }
        }
        complete(t, StepReport.WAL_SYNCED, token);
    }

    private void cleanup(MoveTask t, Token token) throws Exception {
        participant.drop(t.shard());
        complete(t, StepReport.CLEANED_UP, token);
    }

    /**
     * The donor's URL and the fence: the version of a map that shows this node as a replica of the shard.
     * A router with that map (or a newer one) writes here too, so the donor may refuse older ones.
     */
    private Donor donor(MoveTask t, Token token) throws Exception {
        return withTries("the map of " + t.shard(), token, () -> {
            ShardPlacement p = coordinator.placement(t.shard());
            if (!p.holds(t.targetNode())) {
                throw new IllegalStateException("map version " + p.mapVersion() + " does not show " + t.targetNode()
                        + " in " + t.shard() + " yet");
            }
            if (!p.holds(t.donorNode())) {
                throw new IllegalStateException("donor " + t.donorNode() + " no longer holds " + t.shard());
            }
            return new Donor(p.replicaUrls().get(t.donorNode()), p.mapVersion());
        });
    }

    private Imported transfer(MoveTask t, TransferRequest req, Donor d, Token token) throws IOException {
        try (Transfer tr = transport.open(d.url(), req)) {
            Progress progress = new Progress(t, tr.itemsTotal(), tr.bytesTotal());
            CountingInputStream in = new CountingInputStream(tr.body(), token::cancelled, progress::bytes);
            if (req.kind() == TransferRequest.Kind.SNAPSHOT) {
                participant.importSnapshot(t.shard(), in, progress);
            } else {
                participant.importChanges(t.shard(), in, progress);
            }
            return new Imported(tr.position(), tr.itemsTotal());
        }
    }

    private <T> T withTries(String what, Token token, Callable<T> work) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.call();
            } catch (Exception e) {
                if (token.cancelled() || attempt >= settings.triesPerPhase() || e instanceof InterruptedException) {
                    throw e;
                }
                LOG.info("{} failed (try {} of {}): {}", what, attempt, settings.triesPerPhase(), e.toString());
                Thread.sleep(settings.retryDelayMs());
            }
        }
    }

    /** Reports the phase finished, until the coordinator takes it (or says it has moved on). */
    private void complete(MoveTask t, String step, Token token) throws InterruptedException {
        while (!token.cancelled()) {
            try {
                coordinator.report(t.moveId(), StepReport.completed(step, t));
                LOG.info("move {} ({}): {} reported", t.moveId(), t.shard(), step);
                return;
            } catch (CoordinatorException e) {
                if (e.status() == 404 || e.status() == 409) {
                    LOG.info("move {}: {} not taken ({}); the move has moved on", t.moveId(), step, e.getMessage());
                    return;
                }
                LOG.warn("move {}: reporting {} failed ({}); retrying", t.moveId(), step, e.getMessage());
                Thread.sleep(Math.max(10, settings.retryDelayMs()));
            }
        }
    }

    /** Streams progress to the coordinator, at most one report per interval; a failed report is skipped. */
    private final class Progress implements ProgressReporter {
        private final MoveTask task;
        private final long bytesTotal;
        private volatile long itemsDone = -1;
        private volatile long itemsTotal;
        private volatile long bytesDone;
        private long lastSentMs;

        Progress(MoveTask task, long itemsTotal, long bytesTotal) {
            this.task = task;
            this.itemsTotal = itemsTotal;
            this.bytesTotal = bytesTotal;
            this.lastSentMs = System.currentTimeMillis();
        }

        @Override
        public void items(long done, long total) {
            itemsDone = done;
            if (total >= 0) {
                itemsTotal = total;
            }
            maybeSend();
        }

        void bytes(long done) {
            bytesDone = done;
            maybeSend();
        }

        private void maybeSend() {
            long now = System.currentTimeMillis();
            synchronized (this) {
                if (now - lastSentMs < settings.progressIntervalMs()) {
                    return;
                }
                lastSentMs = now;
            }
            try {
                coordinator.report(task.moveId(), StepReport.progress(task, itemsDone, itemsTotal, bytesDone, bytesTotal));
            } catch (CoordinatorException | RuntimeException e) {
                LOG.debug("progress report for move {} failed: {}", task.moveId(), e.toString());
            }
        }
    }
}
