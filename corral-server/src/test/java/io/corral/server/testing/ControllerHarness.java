package io.corral.server.testing;

import io.corral.server.commands.RegisterNode;
import io.corral.server.controller.Command;
import io.corral.server.controller.Controller;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Workspace;
import io.corral.server.storage.InMemoryLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A controller over an {@link InMemoryLog} with a {@link MutableClock}: the real single-writer loop
 * without Ratis. Waits are bounded by a generous deadline so a broken controller fails a test
 * instead of hanging it.
 */
public final class ControllerHarness implements AutoCloseable {
    /** The longest any test waits for the controller; far above what a healthy loop needs. */
    public static final long WAIT_SECONDS = 30;
    public static final String ACTOR = "key:ktest";

    public final MutableClock clock;
    public final InMemoryLog log = new InMemoryLog();
    public final Controller controller;

    public ControllerHarness() {
        this(MutableClock.atSomeInstant());
    }

    public ControllerHarness(MutableClock clock) {
        this.clock = clock;
        this.controller = new Controller(log, clock, nanos -> { });
    }

    /** Submits a command and waits for its reply; a failure is rethrown as its cause. */
    public <R> R run(Command<R> command) {
        return await(controller.submit(ACTOR, command));
    }

    /** Waits for the future; returns its failure's cause, or null when it succeeded. */
    public static Throwable causeOf(CompletableFuture<?> future) {
        try {
            future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static <R> R await(CompletableFuture<R> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("the controller did not answer within " + WAIT_SECONDS + " s", e);
        }
    }

    /**
     * Waits until everything submitted before this call has been committed and applied: the
     * controller handles commands in order and completes their futures in order, so a no-op
     * submitted last completes after all of them.
     */
    public void barrier() {
        run((img, ctx) -> Outcome.unchanged(null));
    }

    public ClusterImage image() {
        return controller.image();
    }

    public Node node(String id) {
        return image().nodes().get(id);
    }

    /** Registers a monitored, active worker in the default workspace. */
    public Node register(String id) {
        return run(new RegisterNode(spec(id), "secret-" + id, false)).node();
    }

    public static NodeSpec spec(String id) {
        return spec(id, Lifecycle.ACTIVE, true);
    }

    public static NodeSpec spec(String id, Lifecycle status, boolean monitored) {
        return new NodeSpec(id, Workspace.DEFAULT, null, "worker", null, null, null, null, null, 1.0, status, null,
                null, null, null, monitored);
    }

    /**
     * Holds the controller's thread inside a command until {@link #open()}, so that commands
     * submitted meanwhile queue up and are taken together as the next batch.
     */
    public Gate holdController() {
        Gate gate = new Gate();
        gate.done = controller.submit(ACTOR, (img, ctx) -> {
            gate.entered.countDown();
            try {
                if (!gate.release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Outcome.unchanged(null);
        });
        try {
            if (!gate.entered.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the controller never ran the gate command");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return gate;
    }

    /** A command parked on the controller thread; see {@link #holdController()}. */
    public static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private CompletableFuture<Object> done;

        /** Lets the controller go on and waits until the parked batch has finished. */
        public void open() {
            release.countDown();
            await(done);
        }
    }

    @Override
    public void close() {
        controller.close();
        log.close();
    }
}
