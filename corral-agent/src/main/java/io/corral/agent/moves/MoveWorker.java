package io.corral.agent.moves;

import io.corral.agent.CoordinatorException;
import io.corral.agent.NodeAgent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays this node's part in the shard moves the coordinator runs. Every poll interval it lists the
 * moves this node takes part in and, for each:
 * <ul>
 *   <li>as target in {@code snapshot}: copies the shard from the donor through the {@link MoveTransport}
 *       into the {@link MoveParticipant}, then reports {@code complete_snapshot_transfer};</li>
 *   <li>as target in {@code catch_up}: applies the donor's changes since that snapshot, then reports
 *       {@code complete_wal_sync} (the coordinator cuts over by itself);</li>
 *   <li>as source in {@code cleanup}: drops its copy, then reports {@code complete_cleanup};</li>
 *   <li>as target of a move that ended cancelled or failed: lets the participant {@link
 *       MoveParticipant#abandon abandon} the partial copy.</li>
 * </ul>
 * Guarantees: a phase is worked on once per attempt; when the coordinator starts the phase again (its
 * {@code attempt} grows) or the move moves on, the running work is cancelled and the new attempt is
 * done from the start; progress is reported while copying; a phase whose transfers keep failing is
 * reported with {@code fail} (only while the move is still in that attempt). The worker never gives up:
 * coordinator errors are logged and the next poll tries again. As a donor it answers transfers only for
 * moves it is the donor of ({@link #isDonor}).
 */
public final class MoveWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MoveWorker.class);

    /** Counters, for tests and metrics. */
    public record Stats(long polls, long phasesCompleted, long phasesFailed, long abandoned) {
    }

    /** One run of one phase attempt of a move. */
    private static final class Run {
        final String key;
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean cancelled;
        private Thread thread;

        Run(String key) {
            this.key = key;
        }

        synchronized void running(Thread t) {
            thread = t;
        }

        /** Marks it cancelled and interrupts it if it is running; a queued run then ends at once. */
        synchronized void cancel() {
            cancelled = true;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** One move this node takes part in, as the poll loop knows it. Touched on the loop thread only. */
    private static final class Tracked {
        MoveTask latest;
        Run current;
    }

    private final String nodeId;
    private final MoveCoordinator coordinator;
    private final MoveParticipant participant;
    private final MoveWorkerSettings settings;
    private final PhaseRunner runner;
    private final ScheduledExecutorService loop;
    private final ExecutorService tasks;
    /** Abandons run here, apart from the tasks, so a task waiting for one can never hold up its thread. */
    private final ExecutorService abandons;
    private final Map<String, Tracked> tracked = new HashMap<>();
    /** Per shard, the abandon under way: a new copy of the shard waits for it (else it could drop the new copy). */
    private final Map<ShardRef, CountDownLatch> abandoning = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Map<String, MoveTask> lastActive = Map.of();
    private volatile boolean closed;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    private MoveWorker(String nodeId, MoveCoordinator coordinator, MoveTransport transport, MoveParticipant participant,
                       MoveWorkerSettings settings) {
        this.nodeId = nodeId;
        this.coordinator = coordinator;
        this.participant = participant;
        this.settings = settings;
        this.runner = new PhaseRunner(nodeId, coordinator, transport, participant, settings);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "corral-move-poll"));
        this.tasks = Executors.newFixedThreadPool(settings.maxConcurrentTasks(), r -> daemon(r, "corral-move-task"));
        this.abandons = Executors.newSingleThreadExecutor(r -> daemon(r, "corral-move-abandon"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts polling at once for node {@code nodeId}. */
    public static MoveWorker start(String nodeId, MoveCoordinator coordinator, MoveTransport transport,
                                   MoveParticipant participant, MoveWorkerSettings settings) {
        MoveWorker w = new MoveWorker(nodeId, coordinator, transport, participant, settings);
        w.loop.scheduleWithFixedDelay(w::pollSafely, 0, settings.pollIntervalMs(), TimeUnit.MILLISECONDS);
        return w;
    }

    /**
     * Starts a worker for an agent's node: moves are read and reported with the node's token, maps are
     * read with the agent's operator key, transfers go over HTTP.
     */
    public static MoveWorker start(NodeAgent agent, MoveParticipant participant, MoveWorkerSettings settings) {
        MoveCoordinator c = new HttpMoveCoordinator(agent.coordinator(), agent.config().workspace(), agent::nodeToken,
                agent.config().operatorToken());
        return start(agent.nodeId(), c, new HttpMoveTransport(10_000), participant, settings);
    }

    /** The handler that serves this node's exports as a donor; mount it at {@link MoveExportHandler#PATH}. */
    public MoveExportHandler exportHandler() {
        return new MoveExportHandler(participant, this::isDonor);
    }

    /**
     * Whether this node is the donor of move {@code moveId} of {@code shard} and the move has not cut
     * over yet: from the last poll, else asked of the coordinator (a transfer can come before the poll).
     */
    public boolean isDonor(String moveId, ShardRef shard) {
        MoveTask m = lastActive.get(moveId);
        if (m == null) {
            try {
                m = coordinator.move(moveId).orElse(null);
            } catch (CoordinatorException e) {
                LOG.warn("cannot check move {} with the coordinator: {}", moveId, e.getMessage());
                return false;
            }
        }
        return m != null && m.isDonor(nodeId) && m.shard().equals(shard)
                && (m.phase() == MovePhase.SNAPSHOT || m.phase() == MovePhase.CATCH_UP
                || m.phase() == MovePhase.AWAITING_CUTOVER);
    }

    public Stats stats() {
        return new Stats(polls.get(), completed.get(), failed.get(), abandoned.get());
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.error("move poll failed", e);
        }
    }

    private void poll() {
        if (closed) {
            return;
        }
        List<MoveTask> active;
        try {
            active = coordinator.activeMoves(nodeId);
        } catch (CoordinatorException e) {
            LOG.warn("cannot list moves: {}", e.getMessage());
            return;
        }
        polls.incrementAndGet();
        Map<String, MoveTask> byId = new HashMap<>();
        active.forEach(m -> byId.put(m.moveId(), m));
        lastActive = Map.copyOf(byId);
        Set<ShardRef> targetedNow = new HashSet<>();
        active.stream().filter(m -> m.isTarget(nodeId)).forEach(m -> targetedNow.add(m.shard()));
        for (String id : new HashSet<>(tracked.keySet())) {
            if (!byId.containsKey(id)) {
                ended(id, tracked.get(id), targetedNow);
            }
        }
        for (MoveTask m : active) {
            Tracked t = tracked.computeIfAbsent(m.moveId(), k -> new Tracked());
            t.latest = m;
            String key = m.stepKey();
            if (t.current != null && !t.current.key.equals(key)) {
                cancel(t);
            }
            if ((t.current == null || !t.current.key.equals(key)) && runner.hasWork(m)) {
                launch(t, m);
            }
        }
    }

    /** A move left the active list: stop its work; if it was rolled back, abandon the target's copy. */
    private void ended(String id, Tracked t, Set<ShardRef> targetedNow) {
        Optional<MoveTask> finished;
        try {
            finished = coordinator.move(id);
        } catch (CoordinatorException e) {
            LOG.warn("cannot read finished move {}: {}", id, e.getMessage());
            return;
        }
        cancel(t);
        tracked.remove(id);
        runner.forget(id);
        // A move the coordinator no longer knows may have cut over: keeping a copy is harmless, dropping it is not.
        MoveTask m = finished.orElse(t.latest);
        if (finished.isPresent() && m.isTarget(nodeId) && m.phase().rolledBack() && !targetedNow.contains(m.shard())) {
            CountDownLatch wait = t.current == null ? new CountDownLatch(0) : t.current.done;
            CountDownLatch abandonDone = new CountDownLatch(1);
            abandoning.put(m.shard(), abandonDone);
            abandons.execute(() -> {
                try {
                    wait.await();
                    participant.abandon(m.shard());
                    abandoned.incrementAndGet();
                    LOG.info("move {} of {} ended {}; the partial copy here is dropped", id, m.shard(),
                            m.phase().name().toLowerCase(java.util.Locale.ROOT));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.error("abandoning {} failed", m.shard(), e);
                } finally {
                    abandoning.remove(m.shard(), abandonDone);
                    abandonDone.countDown();
                }
            });
        }
    }

    private static void cancel(Tracked t) {
        Run r = t.current;
        if (r != null && !r.cancelled) {
            r.cancel();
        }
    }

    private void launch(Tracked t, MoveTask m) {
        Run previous = t.current;
        Run run = new Run(m.stepKey());
        t.current = run;
        PhaseRunner.Token token = () -> closed || run.cancelled;
        CountDownLatch abandon = abandoning.get(m.shard());
        tasks.execute(() -> {
            run.running(Thread.currentThread());
            try {
                if (previous != null) {
                    previous.done.await();
                }
                if (abandon != null) {
                    abandon.await();
                }
                if (token.cancelled()) {
                    return;
                }
                runner.run(m, token);
                if (!token.cancelled()) {
                    completed.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (token.cancelled()) {
                    LOG.info("move {} {}: superseded ({})", m.moveId(), m.stepKey(), e.toString());
                } else {
                    fail(m, e);
                }
            } finally {
                run.running(null);
                Thread.interrupted();
                run.done.countDown();
            }
        });
    }

    /** Reports a failed phase, unless the move has left that attempt meanwhile. */
    private void fail(MoveTask m, Exception e) {
        failed.incrementAndGet();
        MoveTask now = lastActive.get(m.moveId());
        if (now == null || !now.stepKey().equals(m.stepKey())) {
            return;
        }
        String why = nodeId + ": " + m.phase().name().toLowerCase(java.util.Locale.ROOT) + " failed: " + e;
        LOG.warn("move {} ({}) {}: {}", m.moveId(), m.shard(), m.stepKey(), why);
        try {
            coordinator.report(m.moveId(), StepReport.failure(m, why.length() > 500 ? why.substring(0, 500) : why));
        } catch (CoordinatorException ce) {
            LOG.warn("move {}: reporting the failure failed ({}); the phase will time out instead", m.moveId(),
                    ce.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.shutdownNow();
        tasks.shutdownNow();
        abandons.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            tasks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
